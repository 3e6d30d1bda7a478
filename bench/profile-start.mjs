// `node bench/profile-start.mjs [runs] [bin...]`: where a one-file `journey lint` spends its time,
// from V8's CPU profiler (--cpu-prof, sampling every 100 us) over `runs` runs (default 20) of the
// bench's small journey, after two warm-up runs (file cache, code caches). Prints the sampled time
// by stage (start-up before the first rule, the rules, the report), self time by file and the top
// functions by self time, as medians over the runs. Counting samples, not wall time: the shares
// hold on a loaded machine. `bin` defaults to this checkout's bin/journey.cjs; given several (a
// build of another commit in another worktree), their runs alternate (A B A B), so the profiles
// are side by side. Its output is what bench/profiles.md records.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { configText, writeCorpusA } from "./generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.argv[2] ?? 20);
const bins = process.argv.length > 3 ? process.argv.slice(3) : [join(root, "bin", "journey.cjs")];
const work = mkdtempSync(join(tmpdir(), "journey-profile-"));
/**
 * The stages, each begun by the first sample in one of its functions: loading the CLI (until the
 * command runs), checking (config, reading, parsing, the schema, the model), the rules, the report.
 */
const STAGES = [
  { stage: "load", from: new Set() },
  { stage: "check", from: new Set(["runCheck"]) },
  { stage: "rules", from: new Set(["lintFile"]) },
  { stage: "report", from: new Set(["formatStylish"]) },
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
};

try {
  const corpus = join(work, "corpus");
  const [first] = writeCorpusA(corpus, 1);
  const small = join(work, "small");
  mkdirSync(small);
  writeFileSync(join(small, "journey.config.yaml"), configText());
  writeFileSync(join(small, "one.journey.yaml"), readFileSync(first));
  const lint = (bin, extra) => {
    try {
      execFileSync("node", [...extra, bin, "lint", "one.journey.yaml"], { cwd: small, stdio: "ignore", env: { ...process.env, NO_COLOR: "1" } });
    } catch {
      // findings exit 1
    }
  };
  const profiles = bins.map((_, b) => join(work, `profiles-${b}`));
  for (const bin of bins) for (let i = 0; i < 2; i++) lint(bin, []);
  for (let i = 0; i < runs; i++) bins.forEach((bin, b) => lint(bin, ["--cpu-prof", "--cpu-prof-interval", "100", "--cpu-prof-dir", profiles[b]]));
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  bins.forEach((bin, b) => summarise(bin, profiles[b], load));
} finally {
  rmSync(work, { recursive: true, force: true });
}

function summarise(bin, profiles, load) {
  const byStage = Object.fromEntries([...STAGES.map(({ stage }) => [stage, []]), ["total", []]]);
  const byFile = new Map();
  const byFunction = new Map();
  const add = (map, key, ms, i) => {
    const list = map.get(key) ?? map.set(key, Array(runs).fill(0)).get(key);
    list[i] += ms;
  };
  readdirSync(profiles).forEach((name, i) => {
    const profile = JSON.parse(readFileSync(join(profiles, name), "utf8"));
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const within = (id, names) => {
      for (let at = id; at !== undefined; at = parent.get(at)) if (names.has(nodes.get(at).callFrame.functionName)) return true;
      return false;
    };
    let at = 0;
    profile.samples.forEach((id, k) => {
      const ms = (profile.timeDeltas[k + 1] ?? 0) / 1000;
      const { functionName, url } = nodes.get(id).callFrame;
      for (let next = at + 1; next < STAGES.length; next++) if (within(id, STAGES[next].from)) at = next;
      const stage = STAGES[at].stage;
      if (functionName === "(idle)") return;
      byStage[stage][i] = (byStage[stage][i] ?? 0) + ms;
      byStage.total[i] = (byStage.total[i] ?? 0) + ms;
      const file = url ? basename(url).replace(/-[A-Z0-9]{8}\.cjs$/, "-*.cjs") : functionName;
      add(byFile, file, ms, i);
      add(byFunction, `${functionName || "(anonymous)"} ${file}`, ms, i);
    });
  });

  console.log(`${runs} runs of \`${bin} lint one.journey.yaml\` (Node ${process.version}, load ${load}); sampled CPU ms, medians`);
  console.log(`\n| stage | ms |\n| --- | --- |`);
  for (const [stage, values] of Object.entries(byStage)) console.log(`| ${stage} | ${median(values).toFixed(1)} |`);
  const top = (map, n) =>
    [...map]
      .map(([key, values]) => [key, median(values)])
      .sort((a, b) => b[1] - a[1])
      .slice(0, n);
  console.log(`\n| file (self time) | ms |\n| --- | --- |`);
  for (const [key, ms] of top(byFile, 12)) console.log(`| ${key} | ${ms.toFixed(1)} |`);
  console.log(`\n| function (self time) | ms |\n| --- | --- |`);
  for (const [key, ms] of top(byFunction, 15)) console.log(`| ${key} | ${ms.toFixed(1)} |`);
  console.log();
}
