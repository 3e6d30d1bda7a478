import { appendFileSync, chmodSync, createWriteStream, linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { createGzip } from "node:zlib";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, removeTempProjects, runCli, tempProject } from "../helpers/index.js";
import { TWO_STEP_JOURNEY } from "./analyze-fixture.js";

/**
 * `journey analyze --write` through the built CLI (issue 23, item 9): a byte order mark stays, a
 * journey edited on disk while the log is analysed is not overwritten with the old map's figures,
 * and a read-only or hard-linked journey is refused with nothing written.
 */
const JOURNEY = TWO_STEP_JOURNEY;
const LOG = "case_id,activity,timestamp\nc1,a,2026-01-01T00:00:00Z\nc1,b,2026-01-01T00:00:05Z\nc2,a,2026-01-01T00:00:00Z\n";

describe("analyze --write", () => {
  afterAll(removeTempProjects);
  const write = (dir: string) => runCli(["analyze", "j.journey.yaml", "-e", "log.csv", "--write"], { cwd: dir });

  it("keeps a byte order mark and CRLF line ends", async () => {
    const dir = tempProject({ "j.journey.yaml": "\uFEFF" + JOURNEY.replace(/\n/g, "\r\n"), "log.csv": LOG });
    const result = await write(dir);
    expect(result.exitCode, result.stderr).toBe(0);
    const bytes = readFileSync(join(dir, "j.journey.yaml"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain("metrics: { reached: 2, ended_here: 1 }\r\n");
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("refuses a read-only journey and one with a hard link: exit 2, file untouched", async () => {
    const readOnly = tempProject({ "j.journey.yaml": JOURNEY, "log.csv": LOG });
    chmodSync(join(readOnly, "j.journey.yaml"), 0o444);
    const refused = await write(readOnly);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(
      /^journey: .*j\.journey\.yaml is read-only; make it writable \(chmod u\+w\) to record the measurement; nothing was written$/,
    );
    expect(readFileSync(join(readOnly, "j.journey.yaml"), "utf8")).toBe(JOURNEY);

    const linked = tempProject({ "j.journey.yaml": JOURNEY, "log.csv": LOG });
    linkSync(join(linked, "j.journey.yaml"), join(linked, "copy.yaml"));
    const refusedLink = await write(linked);
    expect(refusedLink.exitCode).toBe(2);
    expect(refusedLink.stderr).toContain("j.journey.yaml has 1 other hard link; the measurement is written by replacing the file");
    expect(readFileSync(join(linked, "copy.yaml"), "utf8")).toBe(JOURNEY);
    expect(refusedLink.stdout).toBe("");
  });

  it("refuses a journey edited on disk during the analysis", async () => {
    const dir = tempProject({ "j.journey.yaml": JOURNEY });
    const tmp = join(dir, "tmp");
    mkdirSync(tmp);
    // About 3 million rows over 100,000 cases: a few seconds of analysis to edit the file in.
    const gzip = createGzip();
    const done = once(gzip.pipe(createWriteStream(join(dir, "log.csv.gz"))), "close");
    gzip.write("case_id,activity,timestamp\n");
    for (let block = 0; block < 300; block++) {
      const rows = Array.from({ length: 10_000 }, (_, i) => `c${(block * 10_000 + i) % 100_000},${i % 2 ? "b" : "a"},2026-01-01T00:00:0${i % 10}Z\n`).join("");
      if (!gzip.write(rows)) await once(gzip, "drain");
    }
    gzip.end();
    await done;

    const child = execa("node", [BIN, "analyze", "j.journey.yaml", "-e", "log.csv.gz", "--write"], { cwd: dir, reject: false, env: { TMPDIR: tmp } });
    const started = Date.now();
    while (readdirSync(tmp).length === 0 && child.exitCode === null && Date.now() - started < 30_000) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(child.exitCode, "still analysing when the journey is edited").toBe(null);
    appendFileSync(join(dir, "j.journey.yaml"), "# edited during the analysis\n");
    const result = await child;
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /j\.journey\.yaml changed while it was analysed, so the figures are of its old version; nothing was written\. Run analyze --write again$/,
    );
    expect(readFileSync(join(dir, "j.journey.yaml"), "utf8")).toBe(JOURNEY + "# edited during the analysis\n");
    expect(result.stdout).toBe("");
  }, 60_000);

  it("records the same figures when nothing changed in between", async () => {
    const dir = tempProject({ "j.journey.yaml": JOURNEY, "log.csv": LOG });
    expect((await write(dir)).exitCode).toBe(0);
    const first = readFileSync(join(dir, "j.journey.yaml"), "utf8");
    expect(first).toContain("metrics: { reached: 2, ended_here: 1 }");
    writeFileSync(join(dir, "log.csv"), LOG);
    expect((await write(dir)).exitCode).toBe(0);
    expect(readFileSync(join(dir, "j.journey.yaml"), "utf8")).toBe(first);
  });
});
