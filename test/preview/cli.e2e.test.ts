import { readFileSync } from "node:fs";
import { get } from "node:http";
import { join } from "node:path";
import { createServer, type AddressInfo } from "node:net";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import type { JourneyView } from "../../src/preview/project.js";
import { plural } from "../../src/render/i18n/format.js";
import { LANGUAGES } from "../../src/render/i18n/index.js";
import { BIN, longJourney, MINIMAL, runCli, tempProject } from "../helpers/index.js";

/** The first journey the preview at `url` sends a new page over its event stream. */
function firstJourneyEvent(url: string): Promise<JourneyView> {
  return new Promise((found, fail) => {
    const request = get(`${url}events`, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        const match = /^event: journey\ndata: (.*)\n\n/m.exec(text);
        if (match) {
          request.destroy();
          found(JSON.parse(match[1]) as JourneyView);
        }
      });
    });
    request.on("error", fail);
  });
}

/** Starts `journey preview` with `args`, waits for its address, stops it with `signal`. */
async function startAndStop(args: string[], signal: NodeJS.Signals) {
  const dir = tempProject({ "a.journey.yaml": MINIMAL });
  const child = execa("node", [BIN, "preview", ...args], { cwd: dir, reject: false, env: { NO_COLOR: "1" } });
  await new Promise<void>((started, fail) => {
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("http://")) started();
    });
    void child.then(() => fail(new Error(`preview ended early: ${text}`)));
  });
  child.kill(signal);
  return await child;
}

describe("journey preview: options", () => {
  it("prints its address on 127.0.0.1 and a free port, and stops on SIGTERM", async () => {
    const result = await startAndStop(["--port", "0"], "SIGTERM");
    expect(result.stdout).toMatch(/^journey preview: http:\/\/127\.0\.0\.1:\d+\/ {2}\(Ctrl-C to stop\)\njourney preview: stopped$/);
    expect(result.stderr).toBe("");
  });

  it("warns when --host is not a loopback address", async () => {
    const result = await startAndStop(["--host", "0.0.0.0", "--port", "0", "--allowed-host", "my-laptop.local"], "SIGINT");
    expect(result.stderr).toBe(
      "journey: warning: --host 0.0.0.0 makes the preview reachable from other machines (read-only, but it shows your journeys to anyone who can connect)",
    );
    expect(result.stdout).toContain("journey preview: http://0.0.0.0:");
  });

  it("refuses a bad port and a port in use with a usage error", async () => {
    const bad = await runCli(["preview", "--port", "http"], { cwd: tempProject({ "a.journey.yaml": MINIMAL }) });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe("journey: --port takes a port number (0 for any free port), not `http`");
    const bigger = await runCli(["preview", "--port", "70000"], { cwd: tempProject({ "a.journey.yaml": MINIMAL }) });
    expect(bigger.exitCode).toBe(2);
    const taken = createServer();
    await new Promise<void>((listening) => taken.listen(0, "127.0.0.1", listening));
    try {
      const port = (taken.address() as AddressInfo).port;
      const busy = await runCli(["preview", "--port", String(port)], { cwd: tempProject({ "a.journey.yaml": MINIMAL }) });
      expect(busy.stderr).toBe(`journey: cannot listen on 127.0.0.1:${port} (EADDRINUSE); choose another --host or --port`);
      expect(busy.exitCode).toBe(2);
    } finally {
      taken.close();
    }
  });
});

describe("journey preview: the flow diagram", () => {
  it("past Mermaid's limits serves the flow by stage with the report's note, in the journey's language, as render draws it", { timeout: 60_000 }, async () => {
    const dir = tempProject({ "long.journey.yaml": longJourney(1000, 125).replace("journey: 1\n", "journey: 1\nlang: da\n") });
    const child = execa("node", [BIN, "preview", "--port", "0"], { cwd: dir, reject: false, env: { NO_COLOR: "1" } });
    try {
      const url = await new Promise<string>((started, fail) => {
        let text = "";
        child.stdout.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          const match = /journey preview: (http:\/\/\S+)/.exec(text);
          if (match) started(match[1]);
        });
        void child.then((ended) => fail(new Error(`preview ended early: ${text}${String(ended.stderr)}`)));
      });
      const view = await firstJourneyEvent(url);
      const flow = view.diagrams.find((d) => d.caption === LANGUAGES.da.flowDiagram)!;
      expect(flow.note).toBe(plural(LANGUAGES.da, LANGUAGES.da.overviewNote, 1000));
      // The overview: one node per stage, and no step's own node.
      expect(flow.definition).toMatch(/^flowchart /);
      expect(flow.definition).toContain(`s8["stage-8<br/><small>${plural(LANGUAGES.da, LANGUAGES.da.shortestPathSteps, 125)}</small>"]`);
      expect(flow.definition).not.toContain("Step 500 of the flow");
      expect(flow.definition.length).toBeLessThan(5_000);

      // The same definition and note as the report render writes.
      const rendered = await runCli(["render", ".", "-o", "docs", "--no-map"], { cwd: dir });
      expect(rendered.exitCode).toBe(0);
      const report = readFileSync(join(dir, "docs", "long-1000.md"), "utf8");
      expect(report).toContain(`_${flow.note}_`);
      expect(report).toContain("```mermaid\n" + flow.definition.trimEnd() + "\n```");
    } finally {
      child.kill("SIGTERM");
      await child;
    }
  });
});
