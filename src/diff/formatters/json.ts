import { relative } from "node:path";
import { toPosix } from "../../util/paths.js";
import type { DiffFormatContext } from "./index.js";
import type { DiffResult } from "../types.js";

/**
 * The stable JSON of docs/formats.md: `{ base, head, journeys: [{ id, file, status, impact,
 * changes }] }`, paths relative to the working directory, every change with the same keys
 * (`step` and `stage` null when the change is about the whole journey; `rule` only on
 * `finding-new` and `finding-fixed`).
 */
export function formatDiffJson(result: DiffResult, context: DiffFormatContext): string {
  const path = (file: string) => toPosix(relative(context.cwd, file));
  const journeys = result.journeys.map((journey) => ({
    id: journey.id,
    file: path(journey.file),
    ...(journey.baseFile !== undefined ? { base_file: path(journey.baseFile) } : {}),
    status: journey.status,
    impact: journey.impact,
    changes: journey.changes.map((change) => ({
      kind: change.kind,
      severity: change.severity,
      ...(change.rule !== undefined ? { rule: change.rule } : {}),
      step: change.step ?? null,
      stage: change.stage ?? null,
      file: path(change.file),
      side: change.side,
      line: change.line,
      column: change.column,
      before: change.before,
      after: change.after,
      message: change.message,
    })),
  }));
  return JSON.stringify({ base: result.base, head: result.head, journeys }, null, 2) + "\n";
}
