/**
 * Reading the measured figures back out of every output, for the tests that check they all say
 * what `journey analyze --format json` says (issue 22): the report's Funnel table, the map's
 * measured row (its `data-*` attributes), the observed flow's node labels and the written file.
 */
import { parse } from "yaml";
import type { AnalysisResult } from "../../src/analyze/types.js";

export interface ReportRow {
  name: string;
  reached: string;
  share: string;
  lost: string;
}

/** The rows of the report's one Funnel table, by step name. */
export function reportFunnel(report: string): ReportRow[] {
  const section = report.split("\n## ").find((s) => s.startsWith("Funnel\n"));
  if (!section) return [];
  return section
    .split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("| ---") && !l.startsWith("| Step |"))
    .map((l) => {
      const cells = l.replace(/^\| | \|$/g, "").split(" | ");
      const [reached, share, lost] = cells.slice(-3);
      return { name: cells.slice(0, -3).join(" | "), reached, share, lost };
    });
}

export interface MapCell {
  col: number;
  measured: boolean;
  reached?: number;
  share?: number;
  lost?: string;
  lostKind?: string;
}

/** The cells of the map's one funnel row (`measured` or `funnel`), by column (step index). */
export function mapFunnel(html: string): { row: string; cells: MapCell[] } | undefined {
  const row = /<tr data-row="(measured|funnel)">([\s\S]*?)<\/tr>/.exec(html);
  if (!row) return undefined;
  const cells = [...row[2].matchAll(/<td data-col="(\d+)"[^>]*>([\s\S]*?)<\/td>/g)].flatMap(([, col, body]): MapCell[] => {
    if (body.includes('data-measured="false"')) return [{ col: Number(col), measured: false }];
    const figure = /data-reached="(\d+)" data-share="([^"]*)" data-lost="([^"]*)" data-lost-kind="([^"]*)"/.exec(body);
    if (!figure) return [];
    return [
      {
        col: Number(col),
        measured: true,
        reached: Number(figure[1]),
        share: figure[2] === "" ? undefined : Number(figure[2]),
        lost: figure[3],
        lostKind: figure[4],
      },
    ];
  });
  return { row: row[1], cells };
}

/** The reached figure on each node of the observed flow (`nN` is step N - 1), or "not measured". */
export function observedNodes(mermaid: string): Map<number, string> {
  const nodes = new Map<number, string>();
  for (const m of mermaid.matchAll(/^ {2}n(\d+)\S*?".*?<small>(.*?)<\/small>/gm)) nodes.set(Number(m[1]) - 1, m[2].replace(/<\/?i>/g, ""));
  return nodes;
}

/** The figures `analyze --write` left in a journey file: per step id its metrics, and the measured block. */
export function writtenFigures(text: string): { metrics: Map<string, Record<string, unknown> | undefined>; measured: Record<string, unknown> | undefined } {
  const data = parse(text) as { measured?: Record<string, unknown>; stages: { steps?: { id: string; metrics?: Record<string, unknown> }[] }[] };
  const metrics = new Map(data.stages.flatMap((s) => s.steps ?? []).map((s) => [s.id, s.metrics]));
  return { metrics, measured: data.measured };
}

const PERCENT = new Intl.NumberFormat("en", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The share analyze's definition gives, as the report writes it (en, a tenth of a percent). */
export function shareText(step: AnalysisResult["steps"][number], cases: number): string {
  return step.reached === null ? "—" : PERCENT.format(step.reached / cases);
}
