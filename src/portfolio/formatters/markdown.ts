import { markdownCell, markdownText, markdownUrl } from "../../escape/markdown.js";
import { mermaidLabel } from "../../escape/mermaid.js";
import { findingCounts, formatList, formatNumber, formatPercent, formatSigned, plural } from "../../i18n/format.js";
import type { Labels } from "../../i18n/types.js";
import { groupBacklog } from "../backlog.js";
import { PortfolioNames } from "../names.js";
import type { Portfolio } from "../types.js";

export interface PortfolioMarkdownOptions {
  labels: Labels;
  /** Where a journey's name links (its report in the rendered index); no link when undefined. */
  link?: (journeyId: string) => string | undefined;
  /**
   * `all` (the command): a title, then coverage, the journeys with their dates, channels,
   * handoffs, backlog and links. `aggregates` (render's index, which has its own title and
   * journey table): the sections from coverage on, without the journeys' table.
   */
  sections?: "all" | "aggregates";
}

/** Items a cell lists before "N more": a cell of a 2,000-journey portfolio stays a line. */
export const CELL_ITEMS = 12;

/**
 * The portfolio in Markdown, in the report's language: `journey portfolio --format markdown`
 * and render's `index.md`. Coverage, journeys and their dates, channels, handoffs, the backlog
 * (identical texts grouped with their places), and the links as a Mermaid flowchart.
 */
export function portfolioMarkdown(portfolio: Portfolio, options: PortfolioMarkdownOptions): string {
  const t = options.labels;
  const p = t.portfolio;
  const names = new PortfolioNames(portfolio, t);
  const journeyRef = (id: string) => {
    const target = options.link?.(id);
    const text = markdownCell(names.journey(id));
    return target === undefined ? text : `[${text}](${markdownUrl(target)})`;
  };
  const capped = (items: readonly string[]) =>
    items.length > CELL_ITEMS ? formatList(t, [...items.slice(0, CELL_ITEMS), plural(t, t.lists.more, items.length - CELL_ITEMS)]) : formatList(t, items);
  const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  const head = (cells: readonly string[]) => [row(cells), `|${" --- |".repeat(cells.length)}`];
  const all = options.sections !== "aggregates";
  const out: string[] = all ? [`# ${markdownText(p.title)}`, ""] : [];

  out.push(`## ${p.coverage}`, "", p.coverageCaption, "");
  out.push(...head([t.persona, ...portfolio.stages.map((stage) => markdownCell(names.stage(stage)))]));
  for (const persona of portfolio.personas)
    out.push(
      row([
        markdownCell(names.persona(persona)),
        ...portfolio.stages.map((stage) => (persona.stages[stage.id].length > 0 ? capped(persona.stages[stage.id].map(journeyRef)) : "—")),
      ]),
    );
  out.push("");

  if (all) out.push(...freshnessTable(portfolio, t, names, journeyRef, head, row));

  out.push(`## ${p.channelInventory}`, "", p.channelCaption, "");
  out.push(...head([t.channel, p.mode, t.map.modes.selfService, p.uses, t.journey]));
  for (const channel of portfolio.channels) {
    const journeys = [...new Set(channel.uses.map((use) => use.journey))];
    out.push(
      row([
        `${markdownCell(names.channel(channel.id))} (\`${channel.id}\`)`,
        t.map.modes[channel.mode],
        channel.selfService ? "✓" : "",
        formatNumber(t, channel.uses.length),
        journeys.length > 0 ? capped(journeys.map(journeyRef)) : "—",
      ]),
    );
  }
  out.push("");
  if (portfolio.unusedChannels.length > 0)
    out.push(
      `${p.unusedChannels}: ${formatList(
        t,
        portfolio.unusedChannels.map((id) => markdownCell(names.channel(id))),
      )}`,
      "",
    );

  out.push(`## ${p.handoffs}`, "");
  if (portfolio.handoffs.length === 0) out.push(p.noHandoffs, "");
  else {
    const froms = [...new Set(portfolio.handoffs.map((h) => h.from))];
    const tos = [...new Set(portfolio.handoffs.map((h) => h.to))];
    const counts = new Map(portfolio.handoffs.map((h) => [JSON.stringify([h.from, h.to]), h.count]));
    out.push(p.handoffsCaption, "");
    out.push(...head([`${t.measured.from} \\ ${t.measured.to}`, ...tos.map((to) => markdownCell(names.team(to)))]));
    for (const from of froms) out.push(row([markdownCell(names.team(from)), ...tos.map((to) => formatNumber(t, counts.get(JSON.stringify([from, to])) ?? 0))]));
    out.push("");
  }

  out.push(`## ${p.backlog}`, "");
  const groups = groupBacklog(portfolio.backlog);
  if (groups.length === 0) out.push(t.noPainPoints, "");
  else {
    out.push(p.backlogCaption, "");
    out.push(...head([p.kind, p.text, t.measured.lostAfter, t.emotion, p.places]));
    for (const group of groups)
      out.push(
        row([
          group.kind === "pain" ? t.painPoint : t.opportunity,
          markdownCell(group.text),
          group.lost === null ? t.figures.notMeasured : formatNumber(t, group.lost),
          group.emotion === null ? "" : formatSigned(t, group.emotion),
          capped(group.places.map((place) => `${journeyRef(place.journey)} (\`${place.step}\`)`)),
        ]),
      );
    out.push("");
  }

  out.push(`## ${p.links}`, "");
  if (portfolio.links.length === 0) out.push(p.noLinks, "");
  else {
    out.push(p.linksCaption, "", "```mermaid", "flowchart LR");
    const ids = [...new Set(portfolio.links.flatMap((link) => [link.from.journey, link.to.journey]))];
    const node = new Map(ids.map((id, i) => [id, `j${i}`]));
    for (const id of ids) out.push(`  ${node.get(id)}["${mermaidLabel(names.journey(id), 30)}"]`);
    const edges = new Map<string, number>();
    for (const link of portfolio.links) {
      const key = `${node.get(link.from.journey)} --> ${node.get(link.to.journey)}`;
      edges.set(key, (edges.get(key) ?? 0) + 1);
    }
    for (const [edge, count] of edges) out.push(`  ${count > 1 ? edge.replace("-->", `-->|${count}|`) : edge}`);
    out.push("```", "");
    out.push(...head([t.measured.from, t.measured.to]));
    for (const link of portfolio.links)
      out.push(row([`${journeyRef(link.from.journey)} (\`${link.from.step}\`)`, `${journeyRef(link.to.journey)} (\`${link.to.step}\`)`]));
    out.push("");
  }
  if (portfolio.unlinked.length > 0) out.push(`${p.unlinked}: ${capped(portfolio.unlinked.map(journeyRef))}`, "");
  return out.join("\n");
}

/** The journeys with their size, dates, conversion, health (when linted) and, with a day to judge by, the stale flag. */
function freshnessTable(
  portfolio: Portfolio,
  t: Labels,
  names: PortfolioNames,
  journeyRef: (id: string) => string,
  head: (cells: readonly string[]) => string[],
  row: (cells: readonly string[]) => string,
): string[] {
  const p = t.portfolio;
  const freshness = new Map(portfolio.freshness.map((entry) => [entry.journey, entry]));
  const withHealth = portfolio.journeys.some((journey) => journey.health !== undefined);
  const out: string[] = [`## ${p.freshness}`, ""];
  out.push(
    ...head([t.journey, t.persona, t.steps, p.reviewed, p.measuredTo, p.conversion, ...(withHealth ? [t.health] : []), ...(portfolio.today ? [p.stale] : [])]),
  );
  for (const { summary: facts, health } of portfolio.journeys) {
    const entry = freshness.get(facts.id)!;
    out.push(
      row([
        journeyRef(facts.id),
        facts.persona ? markdownCell(names.persona({ id: facts.persona.id, persona: facts.persona, stages: {} })) : "—",
        formatNumber(t, facts.steps.length),
        entry.reviewed ?? p.never,
        entry.measuredTo?.slice(0, 10) ?? p.never,
        facts.conversion === null ? "—" : formatPercent(t, facts.conversion),
        ...(withHealth && health
          ? [findingCounts(t, { errorCount: health.errors, warningCount: health.warnings, infoCount: health.infos })]
          : withHealth
            ? ["—"]
            : []),
        ...(portfolio.today ? [entry.stale ? `**${p.stale}**` : ""] : []),
      ]),
    );
  }
  out.push("");
  if (portfolio.today) out.push(p.staleCaption.replace("{days}", formatNumber(t, portfolio.staleAfter)).replace("{today}", portfolio.today), "");
  return out;
}
