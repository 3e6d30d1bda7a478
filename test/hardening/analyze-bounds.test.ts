import { createWriteStream, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { createGzip } from "node:zlib";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, removeTempProjects, runCli, tempProject } from "../helpers/index.js";
import { TWO_STEP_JOURNEY } from "./analyze-fixture.js";

/**
 * A small file cannot take gigabytes, and a signal stops the work (issue 23, item 3). The log is
 * a gzip of under 0.5 MB that expands to 150 MB of one case's rows (6 million events): main's
 * build grew to 820 MB on it and ignored SIGTERM for 25 s. The process is sampled through
 * /proc (VmHWM, its peak resident memory), and the time from the signal to its exit is measured.
 */
const JOURNEY = TWO_STEP_JOURNEY;

async function writeExpandingGzip(path: string, millions: number): Promise<void> {
  const gzip = createGzip({ level: 9 });
  const done = once(gzip.pipe(createWriteStream(path)), "close");
  gzip.write("case_id,activity,timestamp\n");
  const chunk = Array.from({ length: 10_000 }, (_, i) => `c1,${i % 2 ? "a" : "b"},2026-01-01T00:00:00Z\n`).join("");
  for (let i = 0; i < millions * 100; i++) if (!gzip.write(chunk)) await once(gzip, "drain");
  gzip.end();
  await done;
}

/** Peak resident memory of a running process in MB (VmHWM), or undefined once it is gone. */
function peakMb(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

const engineFolders = (tmp: string) => readdirSync(tmp).filter((name) => name.startsWith("journey-duckdb-"));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(process.platform !== "linux")("analyze: memory, events per case and signals", () => {
  afterAll(removeTempProjects);
  const project = tempProject({ "j.journey.yaml": JOURNEY });
  const tmp = join(project, "tmp");
  mkdirSync(tmp);
  const log = join(project, "one-case.csv.gz");
  const ready = writeExpandingGzip(log, 6);
  const start = (extra: string[] = []) =>
    execa("node", [BIN, "analyze", "j.journey.yaml", "-e", "one-case.csv.gz", ...extra], { cwd: project, reject: false, env: { TMPDIR: tmp } });

  it("at --memory-limit 512MB the process stays under 768 MB, or stops naming the limit", async () => {
    await ready;
    const child = start(["--memory-limit", "512MB"]);
    let peak = 0;
    while (child.exitCode === null) {
      peak = Math.max(peak, peakMb(child.pid!) ?? 0);
      await sleep(50);
    }
    const result = await child;
    expect(peak).toBeGreaterThan(0);
    expect(peak, `peak resident memory ${Math.round(peak)} MB`).toBeLessThan(768);
    if (result.exitCode !== 0) {
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(
        /^journey: (the analysis reached its memory limit of 512 MB; raise it with --memory-limit|a case has [\d,]+ mapped events)/,
      );
    }
    expect(engineFolders(tmp), "the engine's temporary folder is removed").toEqual([]);
  }, 180_000);

  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    it(`${signal} stops the query: exit ${code} within 5 s, temporary files removed`, async () => {
      await ready;
      const child = start();
      // The engine is at work once its temporary folder exists; give the query a moment more.
      const begun = Date.now();
      while (engineFolders(tmp).length === 0 && child.exitCode === null && Date.now() - begun < 30_000) await sleep(20);
      await sleep(1_000);
      expect(child.exitCode, "still analysing when signalled").toBe(null);
      const sent = Date.now();
      child.kill(signal);
      const result = await child;
      const seconds = (Date.now() - sent) / 1000;
      expect(result.exitCode).toBe(code);
      expect(seconds).toBeLessThan(5);
      expect(result.stderr).not.toMatch(/internal error|at .*\.cjs:\d+/);
      expect(engineFolders(tmp)).toEqual([]);
    }, 60_000);
  }

  describe("the events-per-case limit", () => {
    const small = tempProject({
      "j.journey.yaml": JOURNEY,
      "log.csv":
        "case_id,activity,timestamp\n" + ["a", "b", "a", "b", "a"].map((a, i) => `c1,${a},2026-01-01T00:00:0${i}Z\n`).join("") + "c2,a,2026-01-01T00:00:00Z\n",
    });
    const analyze = (...extra: string[]) => runCli(["analyze", "j.journey.yaml", "-e", "log.csv", ...extra], { cwd: small });

    it("a case with more mapped events than --max-case-events is exit 2 naming the limit and how to raise it", async () => {
      const refused = await analyze("--max-case-events", "4");
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toBe(
        "journey: a case has 5 mapped events, more than the limit of 4 per case; raise it with --max-case-events <n> or analyze.max_case_events in journey.config.yaml (a case's events are gathered into one list in memory)",
      );
      const allowed = await analyze("--max-case-events", "5", "-f", "json");
      expect(allowed.exitCode).toBe(0);
      expect(JSON.parse(allowed.stdout)).toMatchObject({ cases: 2 });
    });

    it("analyze.max_case_events and analyze.memory_limit in the config; the flags win", async () => {
      const dir = tempProject({
        "j.journey.yaml": JOURNEY,
        "log.csv": readFileSync(join(small, "log.csv"), "utf8"),
        "journey.config.yaml": "analyze:\n  max_case_events: 2\n  memory_limit: 1GB\n",
      });
      const fromConfig = await runCli(["analyze", "j.journey.yaml", "-e", "log.csv"], { cwd: dir });
      expect(fromConfig.exitCode).toBe(2);
      expect(fromConfig.stderr).toContain("more than the limit of 2 per case");
      expect((await runCli(["analyze", "j.journey.yaml", "-e", "log.csv", "--max-case-events", "9"], { cwd: dir })).exitCode).toBe(0);
    });

    it("a size that is not one, or too small, is exit 2 before anything runs", async () => {
      for (const [value, message] of [
        ["lots", "journey: --memory-limit takes a size such as 512MB, 2GB or 1.5GiB, not `lots`"],
        ["12XB", "journey: --memory-limit takes a size such as 512MB, 2GB or 1.5GiB, not `12XB`"],
        ["100MB", "journey: --memory-limit must be at least 256 MB, not `100MB`"],
      ]) {
        const result = await analyze("--memory-limit", value);
        expect(result.exitCode, value).toBe(2);
        expect(result.stderr).toBe(message);
      }
      const events = await analyze("--max-case-events", "0");
      expect(events.exitCode).toBe(2);
      expect(events.stderr).toBe("journey: --max-case-events takes a whole number of 1 or more, not `0`");
      const config = tempProject({ "j.journey.yaml": JOURNEY, "log.csv": "x", "journey.config.yaml": "analyze:\n  memory_limit: 2 bananas\n" });
      const bad = await runCli(["analyze", "j.journey.yaml", "-e", "log.csv"], { cwd: config });
      expect(bad.exitCode).toBe(2);
      expect(bad.stderr).toContain("memory_limit");
    });
  });
});
