import { writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { execa } from "execa";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, MINIMAL, tempProject } from "../helpers/index.js";

/** Issue 23, item 17: the preview's event stream is bounded (clients, unread bytes) and answers only its own page. */

const running: { kill: (signal: NodeJS.Signals) => boolean }[] = [];
const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const child of running.splice(0)) child.kill("SIGKILL");
});

/** Starts the built `journey preview` in `dir` and resolves with its port. */
async function startPreview(dir: string): Promise<number> {
  const child = execa("node", [BIN, "preview", "--port", "0"], { cwd: dir, reject: false, env: { NO_COLOR: "1" } });
  running.push(child);
  return new Promise<number>((started, fail) => {
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = /journey preview: http:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
      if (match) started(Number(match[1]));
    });
    void child.then((ended) => fail(new Error(`preview ended early: ${text}${String(ended.stderr)}`)));
  });
}

/** A raw HTTP client of `/events`: what it has read, and whether the server closed it. */
function eventClient(port: number, headers: Record<string, string> = {}) {
  const socket = connect(port, "127.0.0.1");
  sockets.push(socket);
  const state = { text: "", closed: false, socket };
  const lines = Object.entries({ host: `127.0.0.1:${port}`, ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.write(`GET /events HTTP/1.1\r\n${lines.join("")}\r\n`);
  socket.on("data", (chunk: Buffer) => (state.text += chunk.toString("latin1")));
  socket.on("close", () => (state.closed = true));
  socket.on("error", () => (state.closed = true));
  return state;
}

async function waitFor(done: () => boolean, what: string, seconds = 20): Promise<void> {
  const giveUp = Date.now() + seconds * 1000;
  while (!done()) {
    if (Date.now() > giveUp) throw new Error(`waited ${seconds} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const greeted = (client: { text: string }) => client.text.includes("event: journey\n");
/** Complete journey events read (the response is chunked: each event is one chunk, one line of data). */
const journeyEvents = (client: { text: string }) => client.text.match(/event: journey\ndata: [^\n]*\n\n/g)?.length ?? 0;

describe("journey preview: the event stream's Origin", () => {
  it("answers its own page and clients that send no Origin; refuses any other origin, and `null`", async () => {
    const port = await startPreview(tempProject({ "a.journey.yaml": MINIMAL }));
    const own = eventClient(port, { origin: `http://127.0.0.1:${port}` });
    const localhost = eventClient(port, { origin: `http://localhost:${port}` });
    const none = eventClient(port);
    const foreign = eventClient(port, { origin: "http://evil.example" });
    const otherPort = eventClient(port, { origin: `http://127.0.0.1:${port + 1}` });
    const sandboxed = eventClient(port, { origin: "null" });
    await waitFor(() => [own, localhost, none].every(greeted) && [foreign, otherPort, sandboxed].every((c) => c.text.includes("\r\n\r\n")), "the answers");
    for (const client of [own, localhost, none]) expect(client.text).toMatch(/^HTTP\/1\.1 200 /);
    for (const client of [foreign, otherPort, sandboxed]) {
      expect(client.text).toMatch(/^HTTP\/1\.1 403 /);
      expect(client.text).toContain("journey preview's event stream answers only its own page (Origin header)");
      expect(client.text).not.toContain("event: journey");
    }
  });
});

describe("journey preview: bounded clients", () => {
  it("keeps at most 100 event streams: the 101st ends the oldest, the others stay open", { timeout: 60_000 }, async () => {
    const port = await startPreview(tempProject({ "a.journey.yaml": MINIMAL }));
    const clients: ReturnType<typeof eventClient>[] = [];
    for (let i = 0; i < 100; i++) {
      clients.push(eventClient(port));
      await waitFor(() => greeted(clients[i]), `client ${i + 1}`);
    }
    expect(clients.some((client) => client.closed)).toBe(false);
    const newest = eventClient(port);
    await waitFor(() => greeted(newest), "the 101st client");
    await waitFor(() => clients[0].closed, "the oldest client to be ended");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(clients.slice(1).filter((client) => client.closed)).toEqual([]);
    expect(newest.closed).toBe(false);
  });

  it("drops a client that does not read once 8 MB wait for it; a client that reads keeps its stream", { timeout: 120_000 }, async () => {
    // 100 steps with 16 KB of pain points each: a map of about 1.7 MB, quick to re-check.
    const big = (title: string) =>
      [
        "journey: 1",
        "id: big",
        `title: ${title}`,
        "goal: { steps: [s100] }",
        "stages:",
        "  - id: all",
        "    steps:",
        ...Array.from({ length: 100 }, (_, i) => [
          `      - id: s${i + 1}`,
          `        name: Step ${i + 1}`,
          `        pain_points: [${Array.from({ length: 8 }, (_, k) => `p${k}${"x".repeat(2000)}`).join(", ")}]`,
        ]).flat(),
      ].join("\n") + "\n";
    const dir = tempProject({ "big.journey.yaml": big("Big") });
    const port = await startPreview(dir);
    const reader = eventClient(port);
    const stalled = eventClient(port);
    await waitFor(() => journeyEvents(reader) === 1 && journeyEvents(stalled) === 1, "both clients' greeting");
    stalled.socket.pause(); // reads nothing more: the server's buffer for it grows with each event
    expect(reader.text.length).toBeGreaterThan(1_500_000); // one journey event
    // 9 events of 1.7 MB: past the 8 MB bound plus what the two sockets' kernel buffers hold (4 MB and 128 KB here).
    const saves = 9;
    for (let save = 1; save <= saves; save++) {
      writeFileSync(join(dir, "big.journey.yaml"), big(`Save ${save}`));
      await waitFor(() => journeyEvents(reader) === save + 1, `the event of save ${save}`, 30);
    }
    stalled.socket.resume();
    await waitFor(() => stalled.closed, "the stalled client to be dropped", 30);
    expect(stalled.text).not.toContain(`Save ${saves}`);
    expect(reader.closed).toBe(false);
    expect(reader.text).toContain(`Save ${saves}`);
  });
});

describe("journey preview: bidirectional controls (issue 23, item 16)", () => {
  it("the title and the map it sends show overrides as visible escapes, as the rendered map does", async () => {
    const text = MINIMAL.replace(/^title: .*$/m, 'title: "Pay \\u202Eyap\\u202C now"');
    expect(text).toContain("\\u202E");
    const port = await startPreview(tempProject({ "a.journey.yaml": text }));
    const client = eventClient(port);
    await waitFor(() => journeyEvents(client) === 1, "the greeting");
    const utf8 = Buffer.from(client.text, "latin1").toString("utf8"); // the client keeps bytes as latin1
    const view = JSON.parse(/event: journey\ndata: ([^\n]*)\n\n/.exec(utf8)![1]) as { title: string; body: string };
    expect(view.title).toBe("Pay \\u202Eyap\\u202C now");
    expect(view.body).toContain("Pay \\u202Eyap\\u202C now");
    expect(view.body).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});
