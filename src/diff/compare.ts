import { basename } from "node:path";
import { checkJourneyText, internalFinding, type CheckedFile } from "../check.js";
import { lintFile } from "../lint/lint-file.js";
import { FlowAnalysis } from "../model/analysis.js";
import { ChangeList } from "./change-list.js";
import { compareExperience } from "./experience.js";
import { impactOf } from "./impact.js";
import { compareFindings } from "./lint-findings.js";
import { compareLinks } from "./links.js";
import type { FlowComparison } from "./moves.js";
import { absorbOverlaps } from "./overlaps.js";
import type { FilePair, SideSource, Version } from "./sources.js";
import { compareStructure, matchSteps } from "./structure.js";
import type { CheckedSide, DiffResult, JourneyDiff } from "./types.js";

/**
 * Compares every pair of journey files: each version goes through the structural checks and the
 * lint rules with its own config, then the journeys are compared as models. Files that git did
 * not see as renamed (too much changed) are still paired when they hold the same journey id.
 */
export function compareVersions(base: Version, head: Version, pairs: readonly FilePair[]): DiffResult {
  const checked = pairs.flatMap((pair) => {
    const sides = { base: pair.base && checkSide(pair.base), head: pair.head && checkSide(pair.head) };
    return pair.renamed ? splitUnrelated(sides) : [sides];
  });
  const journeys = pairRenamedJourneys(checked).map(({ base, head }) => compareJourney(base, head));
  journeys.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { base, head, journeys };
}

export function checkSide(source: SideSource): CheckedSide {
  let result: CheckedFile;
  try {
    result = source.source.finding
      ? { filePath: source.filePath, findings: [source.source.finding] }
      : lintFile(checkJourneyText(source.filePath, source.source.text, source.config), source.config);
  } catch (error) {
    result = { filePath: source.filePath, findings: [internalFinding(error)] };
  }
  const model = result.model && { filePath: source.filePath, ...result.model, flow: new FlowAnalysis(result.model.journey, result.model.graph) };
  return { source, result, model };
}

type CheckedPair = { base?: CheckedSide; head?: CheckedSide };

/** Where a whole-journey change is reported: the file, at its `id` when the file parsed as a journey. */
const placeOf = (side: CheckedSide) => ({ filePath: side.result.filePath, locator: side.model?.locator });

/**
 * git's rename detection goes by similar content; two journeys of one template look alike. A
 * renamed file is the same journey only when its journey id is the same: otherwise one journey
 * was removed and another added. (A file that keeps its path, or two files the user names, and
 * changes its id is one journey.)
 */
function splitUnrelated(pair: CheckedPair): CheckedPair[] {
  const { base, head } = pair;
  if (!base || !head) return [pair];
  const [before, after] = [base.result.journeyId, head.result.journeyId];
  return before !== undefined && after !== undefined && before !== after ? [{ base }, { head }] : [pair];
}

function pairRenamedJourneys(pairs: CheckedPair[]): CheckedPair[] {
  const removedById = new Map<string, CheckedPair>();
  for (const pair of pairs) if (!pair.head && pair.base?.result.journeyId) removedById.set(pair.base.result.journeyId, pair);
  const used = new Set<CheckedPair>();
  const out: CheckedPair[] = [];
  for (const pair of pairs) {
    const id = pair.head?.result.journeyId;
    const removed = !pair.base && id !== undefined ? removedById.get(id) : undefined;
    if (removed && !used.has(removed)) {
      used.add(removed);
      out.push({ base: removed.base, head: pair.head });
    } else out.push(pair);
  }
  return out.filter((pair) => !used.has(pair));
}

function compareJourney(base: CheckedSide | undefined, head: CheckedSide | undefined): JourneyDiff {
  const out = new ChangeList((head ?? base)!.source.config.diff);
  const idOf = (side?: CheckedSide) => side?.result.journeyId;
  const id = idOf(head) ?? idOf(base) ?? basename((head ?? base)!.source.filePath);
  if (!base && head) out.add("journey-added", { model: placeOf(head), side: "head", path: ["id"] }, `journey \`${id}\` added`, { after: id });
  if (base && !head) out.add("journey-removed", { model: placeOf(base), side: "base", path: ["id"] }, `journey \`${id}\` removed`, { before: id });
  let flow: FlowComparison | undefined;
  if (base?.model && head?.model) {
    const steps = matchSteps(base.model, head.model);
    flow = compareStructure(base.model, head.model, steps, out);
    compareLinks(base.model, head.model, out);
    compareExperience(base.model, head.model, steps, out);
  } else if (base && head && idOf(base) !== undefined && idOf(head) !== undefined && idOf(base) !== idOf(head)) {
    out.add("journey-id-changed", { model: placeOf(head), side: "head", path: ["id"] }, `journey id changed from \`${idOf(base)}\` to \`${idOf(head)}\``, {
      before: idOf(base),
      after: idOf(head),
    });
  }
  compareFindings(base, head, out);
  const changes = absorbOverlaps(out.changes).sort(
    (a, b) => (a.side === b.side ? 0 : a.side === "head" ? -1 : 1) || a.line - b.line || a.column - b.column || a.kind.localeCompare(b.kind),
  );
  const status = !base ? "added" : !head ? "removed" : changes.length > 0 ? "changed" : "unchanged";
  const file = (head ?? base)!.source.filePath;
  const renamed = base && head && base.source.filePath !== head.source.filePath ? { baseFile: base.source.filePath } : {};
  return { id, file, ...renamed, status, impact: impactOf(base?.model, head?.model), changes, base, head, ...(flow ? { flow } : {}) };
}
