import { existsSync, lstatSync, readdirSync, readFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { isGenerated } from "./output.js";
import type { RenderPlan } from "./plan.js";

/** The files render writes for a journey `<id>`: report, Mermaid, map, trend chart, and images. */
const OUTPUT = /^(.+?)\.(?:md|html|pdf|trend\.svg|(?:journey|flow|observed)\.(?:mmd|svg|png)|map\.png)$/;
/** Images drawn with `--image`; the trend chart is not one: render writes it whenever the analysis has a trend, as it writes the report. */
const IMAGE = /(?<!\.trend)\.(?:svg|png|pdf)$/;
/** An image of a diagram: `<id>.<kind>`, the diagram's base name, and its format. */
const DIAGRAM_IMAGE = /^(.+\.(?:journey|flow|observed))\.(?:svg|png)$/;

/**
 * Files in `outDir` that render generated (they carry its note) and that no journey renders any
 * more: a report, Mermaid, HTML or trend chart file this run does not plan, an image of a journey that is not
 * rendered, or an image of a diagram the journey no longer has (`<id>.observed.svg` once its
 * analysis is gone). Images of a rendered journey's diagrams and maps stay even when this run
 * draws none, and so does every file of a journey that is there but not rendered (`kept`: it has
 * errors this time). Regular files only; the user's files are never touched.
 */
export function orphanedFiles(outDir: string, plan: Pick<RenderPlan, "files" | "diagrams" | "journeyIds" | "keptIds">): string[] {
  if (!existsSync(outDir)) return [];
  const planned = new Set(plan.files.map((f) => f.name));
  const diagrams = new Set(plan.diagrams.map((d) => d.baseName));
  const orphans: string[] = [];
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    const id = OUTPUT.exec(entry.name)?.[1];
    if (!entry.isFile() || id === undefined || planned.has(entry.name) || plan.keptIds.has(id)) continue;
    const diagram = DIAGRAM_IMAGE.exec(entry.name)?.[1];
    if (IMAGE.test(entry.name) && plan.journeyIds.has(id) && (diagram === undefined || diagrams.has(diagram))) continue;
    if (isGenerated(readFileSync(join(outDir, entry.name)))) orphans.push(entry.name);
  }
  return orphans.sort();
}

/** `render`: deletes the orphaned files, so that `--check` passes again after a journey is removed. */
export function removeOrphans(outDir: string, plan: Pick<RenderPlan, "files" | "diagrams" | "journeyIds" | "keptIds">): string[] {
  const removed: string[] = [];
  for (const name of orphanedFiles(outDir, plan)) {
    const path = join(outDir, name);
    if (!lstatSync(path).isFile()) continue;
    unlinkSync(path);
    removed.push(name);
  }
  return removed;
}
