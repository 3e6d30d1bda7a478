import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { join } from "node:path";
import { createServer, type AddressInfo } from "node:net";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import type { JourneyView } from "../../src/preview/project.js";
import { plural } from "../../src/i18n/format.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { BIN, longJourney, MINIMAL, runCli, tempProject } from "../helpers/index.js";

/** The first `count` journeys the preview at `url` sends a new page over its event stream. */
function firstJourneyEvents(url: string, count: number): Promise<JourneyView[]> {
  return new Promise((found, fail) => {
    const request = get(`${url}events`, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        const matches = [...text.matchAll(/^event: journey\ndata: (.*)\n\n/gm)];
        if (matches.length >= count) {
          request.destroy();
          found(matches.slice(0, count).map((match) => JSON.parse(match[1]) as JourneyView));
        }
      });
    });
    request.on("error", fail);
  });
}

/** Starts `journey preview` in `dir` (with `args`) and resolves with its address once it prints it. */
function startPreview(dir: string, args: string[] = []) {
  const child = execa("node", [BIN, "preview", "--port", "0", ...args], { cwd: dir, reject: false, env: { NO_COLOR: "1" } });
  const url = new Promise<string>((started, fail) => {
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = /journey preview: (http:\/\/\S+)/.exec(text);
      if (match) started(match[1]);
    });
    void child.then((ended) => fail(new Error(`preview ended early: ${text}${String(ended.stderr)}`)));
  });
  return { child, url };
}

/** The events the preview at `url` sends, as they arrive (the latest `list`, every `journey`). */
function followEvents(url: string) {
  const seen = { list: [] as string[], journeys: [] as JourneyView[] };
  const request = get(`${url}events`, (response) => {
    let text = "";
    response.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const messages = text.split("\n\n");
      text = messages.pop()!;
      for (const message of messages) {
        const match = /^event: (\w+)\ndata: (.*)$/m.exec(message);
        if (match?.[1] === "list") seen.list = JSON.parse(match[2]) as string[];
        if (match?.[1] === "journey") seen.journeys.push(JSON.parse(match[2]) as JourneyView);
      }
    });
  });
  return { seen, stop: () => request.destroy() };
}

/** Resolves once `done` holds, checking every 50 ms; fails after a generous 15 s. */
async function waitFor(done: () => boolean, what: string): Promise<void> {
  const giveUp = Date.now() + 15_000;
  while (!done()) {
    if (Date.now() > giveUp) throw new Error(`waited 15 s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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

describe("journey preview: new folders", () => {
  it.each([
    { given: "no path (the working directory)", args: [], at: "" },
    { given: "a folder", args: ["docs"], at: "docs/" },
    { given: "a glob", args: ["docs/**/*.journey.yaml"], at: "docs/" },
  ])("given $given, shows a journey saved in a folder made after the start, and drops it when the folder goes", { timeout: 60_000 }, async ({ args, at }) => {
    const dir = tempProject({ [`${at}a.journey.yaml`]: MINIMAL });
    const { child, url } = startPreview(dir, args);
    const events = followEvents(await url);
    const added = `${at}a/b/new.journey.yaml`;
    try {
      await waitFor(() => events.seen.list.includes(`${at}a.journey.yaml`), "the first list");
      mkdirSync(join(dir, at, "a", "b"), { recursive: true });
      writeFileSync(join(dir, added), MINIMAL.replace("id: minimal", "id: new").replace("Minimal journey", "Saved in a new folder"));
      await waitFor(() => events.seen.list.includes(added), "the new journey in the list");
      await waitFor(() => events.seen.journeys.some((view) => view.key === added), "the new journey's view");
      const view = events.seen.journeys.find((v) => v.key === added)!;
      expect(view.title).toBe("Saved in a new folder");
      expect(view.errors).toEqual([]);
      expect(view.body).toContain("Saved in a new folder");
      // A page opened now gets it too.
      expect((await firstJourneyEvents(await url, 2)).map((v) => v.key)).toEqual([`${at}a.journey.yaml`, added]);

      rmSync(join(dir, at, "a"), { recursive: true });
      await waitFor(() => !events.seen.list.includes(added), "the list without it");
      expect(events.seen.list).toEqual([`${at}a.journey.yaml`]);
      expect(child.exitCode).toBeNull();
    } finally {
      events.stop();
      child.kill("SIGTERM");
    }
    const ended = await child;
    expect(ended.stderr).toBe("");
    expect(ended.stdout).toMatch(/journey preview: stopped$/);
  });
});

describe("journey preview: folders removed", () => {
  it("re-checks nothing for a folder that held no journey", { timeout: 60_000 }, async () => {
    const dir = tempProject({ "a.journey.yaml": MINIMAL, "c.journey.yaml": MINIMAL.replace("id: minimal", "id: c"), "build/out/notes.md": "" });
    const { child, url } = startPreview(dir);
    const events = followEvents(await url);
    const sent = (key: string) => events.seen.journeys.filter((view) => view.key === key);
    try {
      await waitFor(() => sent("c.journey.yaml").length === 1, "the first views");
      rmSync(join(dir, "build"), { recursive: true });
      // Events on one folder come in order: once this save shows, the removal was handled.
      writeFileSync(join(dir, "a.journey.yaml"), MINIMAL.replace("Minimal journey", "Saved after"));
      await waitFor(() => sent("a.journey.yaml").some((view) => view.title === "Saved after"), "the save");
      // A reload would have sent c again.
      expect(sent("c.journey.yaml")).toHaveLength(1);
    } finally {
      events.stop();
      child.kill("SIGTERM");
    }
    await child;
  });
});

describe("journey preview: the flow diagram", () => {
  it("past Mermaid's limits serves the flow by stage with the report's note, in the journey's language, as render draws it", { timeout: 60_000 }, async () => {
    const dir = tempProject({ "long.journey.yaml": longJourney(1000, 125).replace("journey: 1\n", "journey: 1\nlang: da\n") });
    const { child, url } = startPreview(dir);
    try {
      const [view] = await firstJourneyEvents(await url, 1);
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
