import { realpathSync, statSync } from "node:fs";
import type { ProjectConfig } from "../config/types.js";
import { decodeSource, fileProblem, formatBytes, tooLarge } from "../load/source.js";
import type { FileReport } from "../results.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { readRegularFile } from "../util/regular-file.js";
import type { CheckedFile } from "../check.js";
import { fixText } from "./fix.js";
import { resolveProjectLinks } from "./project-links.js";
import type { LintOptions } from "./lint-file.js";

const BOM = "\uFEFF";

/**
 * `journey lint --fix` (or `--fix-dry-run`) over files, one at a time on this thread: each file's
 * fixes applied in passes (`fixText`), the result written atomically over the file it names
 * (through a link, the file it points to; its permissions kept; a byte order mark kept), and the
 * findings that remain reported. With `dryRun` nothing is written and the report carries the
 * fixed text as `output`, as ESLint's `--fix-dry-run` does.
 */
export function fixFiles(files: readonly string[], config: ProjectConfig, options: LintOptions & { dryRun: boolean }): FileReport[] {
  const results = files.map((filePath): CheckedFile & { output?: string } => {
    const read = readRegularFile(filePath, config.limits.maxFileSize);
    if (!read.bytes) {
      const problem =
        read.tooLarge !== undefined
          ? fileProblem(tooLarge(`over ${formatBytes(config.limits.maxFileSize)}`, config.limits.maxFileSize))
          : fileProblem(read.problem);
      return { filePath, findings: [problem.finding] };
    }
    const source = decodeSource(read.bytes);
    if (source.finding) return { filePath, findings: [source.finding] };
    const bom = read.bytes[0] === 0xef && read.bytes[1] === 0xbb && read.bytes[2] === 0xbf ? BOM : "";
    const fixed = fixText(filePath, source.text, config, { ...options, lint: true });
    if (fixed.output !== undefined && !options.dryRun) {
      const target = realpathSync(filePath);
      writeFileAtomic(target, bom + fixed.output, { mode: statSync(target).mode & 0o7777 });
    }
    return { ...fixed.checked, ...(fixed.output !== undefined && options.dryRun ? { output: bom + fixed.output } : {}) };
  });
  resolveProjectLinks(results, config);
  return results.map(({ filePath, findings, source, rulesChecked, output }) => ({
    filePath,
    findings,
    ...(findings.length > 0 && source !== undefined ? { source } : {}),
    ...(rulesChecked ? { rulesChecked } : {}),
    ...(output !== undefined ? { output } : {}),
  }));
}
