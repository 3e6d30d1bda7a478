// `npm run update-goldens`: rewrites the files that hold expected output from what the current
// build produces, so a change of output is one command and a reviewer reads it as a diff:
// test/golden/ (lint formats and rendered reports) and the rule tables in docs/rules/README.md and
// README.md, which are generated from the rule registry. Run `npm run build` first.
// The rule fixtures' `# expect:` markers are not rewritten: they are the tests' own statements.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const START = "<!-- rules:start (npm run update-goldens writes this table from the rule registry) -->";
const END = "<!-- rules:end -->";

/** The table of rules: id linked to its page below `pagePrefix`, default severity with options, what it finds. */
export function rulesTable(rules, pagePrefix) {
  const rows = rules.map(({ meta }) => {
    const options = Object.entries(meta.options ?? {}).map(([name, spec]) => `${name} ${spec.default}`);
    const severity = options.length > 0 ? `${meta.severity} (${options.join(", ")})` : meta.severity;
    // A project-level rule runs only when lint sees the whole project: the table says so.
    const scope = meta.scope === "project" ? " (project: `journey lint` with no paths)" : "";
    return `| [\`${meta.id}\`](${pagePrefix}${meta.id}.md) | ${severity} | ${meta.description.replace(/\|/g, "\\|")}${scope} |`;
  });
  return [START, "", `${rules.length} rules.`, "", "| Rule | Default | What it finds |", "| --- | --- | --- |", ...rows, "", END].join("\n");
}

/** `text` with its generated table replaced by `table`. */
export function withRulesTable(text, table, file) {
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${file}: no ${START} ... ${END} block`);
  return text.slice(0, from) + table + text.slice(to + END.length);
}

export const RULE_TABLES = [
  { file: "docs/rules/README.md", pagePrefix: "" },
  { file: "README.md", pagePrefix: "docs/rules/" },
];

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { RULES } = await import(pathToFileURL(join(root, "dist", "rules", "registry.js")).href);
  for (const { file, pagePrefix } of RULE_TABLES) {
    const path = join(root, file);
    writeFileSync(path, withRulesTable(readFileSync(path, "utf8"), rulesTable(RULES, pagePrefix), file));
  }
  const journey = (args, cwd) => {
    try {
      return execFileSync(process.execPath, [join(root, "bin", "journey.cjs"), ...args], {
        cwd,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" },
      });
    } catch (error) {
      if (error.status === 1) return error.stdout; // findings: the expected output of these fixtures
      throw error;
    }
  };
  const mixed = join(root, "test", "fixtures", "cli", "mixed");
  writeFileSync(join(root, "test", "golden", "mixed.stylish.txt"), journey(["lint"], mixed));
  writeFileSync(join(root, "test", "golden", "mixed.github.txt"), journey(["lint", "-f", "github"], mixed));
  for (const lang of ["ru", "ar"]) journey(["render", "--config", "examples/journey.config.yaml", "--lang", lang, "-o", `test/golden/render-${lang}`], root);
  const analysis = "test/fixtures/analyze/checkout.analysis.json";
  journey(["render", "test/fixtures/analyze", "--analysis", analysis, "-o", "test/golden/render-measured"], root);
  // An analysis with --by segments, an --every week trend (an empty week), --window and --since: the trend chart too.
  const trend = "test/fixtures/analyze/checkout-trend.analysis.json";
  journey(["render", "test/fixtures/analyze", "--analysis", trend, "-o", "test/golden/render-trend"], root);
  console.log("updated test/golden/ and the rule tables; review them with git diff");
}
