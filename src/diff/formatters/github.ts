import { relative } from "node:path";
import { toPosix } from "../../util/paths.js";
import { COMMAND, data, property } from "../../report/formatters/github.js";
import type { DiffResult } from "../types.js";
import type { DiffFormatContext } from "./index.js";

/**
 * GitHub Actions annotations on the changed lines of the head files. What the head no longer has
 * (a removed step, a fixed finding) has no line there: it is annotated on the head file as a
 * whole, or without a file when the journey was deleted.
 */
export function formatDiffGithub(result: DiffResult, context: DiffFormatContext): string {
  const lines: string[] = [];
  for (const journey of result.journeys) {
    const headFile = journey.head ? toPosix(relative(context.cwd, journey.head.source.filePath)) : undefined;
    for (const change of journey.changes) {
      const where =
        change.side === "head"
          ? [`file=${property(headFile!)}`, `line=${change.line}`, `col=${change.column}`]
          : headFile
            ? [`file=${property(headFile)}`]
            : [];
      const title = change.rule ? `${change.kind} ${change.rule}` : change.kind;
      lines.push(
        `::${COMMAND[change.severity]} ${[...where, `title=${property(`journey diff: ${title}`)}`].join(",")}::${data(`${journey.id}: ${change.message}`)}`,
      );
    }
  }
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}
