import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempProjects, tempProject } from "../helpers/index.js";
import { LspClient } from "./client.js";
import { CHECKOUT, CONFIG, RETURNS } from "./fixtures.js";

afterAll(removeTempProjects);

/** What editors send while someone types, pastes and deletes: YAML fragments, half-typed keys, unclosed quotes, tabs, binary. */
const FRAGMENTS = [
  "  - id: new-step\n",
  "next: [",
  "next:\n  - ",
  "channel: ",
  "channel: [email, ",
  "answers: ",
  "to: ",
  "actor: ",
  "# journey-disable-next-line channel-",
  "\t",
  '"',
  "'",
  "{ to: ",
  "}",
  "]",
  ": ",
  "- ",
  "\n",
  "\r\n",
  "   ",
  "emai",
  "&anchor ",
  "*anchor",
  "? ",
  "|\n",
  ">-\n",
  "---\n",
  "\u0000\u0001\u0002",
  "\uFFFD\uD83D\uDE00",
  "stages:\n",
  "id: ",
  "rules:\n  ",
  "%YAML 1.2\n",
  "!!binary ",
];

/** A small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function position(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

const EDITS = 2000;
const REQUEST_EVERY = 10;

describe("journey lsp under random edits", () => {
  it(`answers every request through ${EDITS} random edits and never fails`, async () => {
    const dir = tempProject({ "journey.config.yaml": CONFIG, "checkout.journey.yaml": CHECKOUT, "returns.journey.yaml": RETURNS, ".git/HEAD": "" });
    const path = join(dir, "checkout.journey.yaml");
    const client = await LspClient.start(dir);
    const next = random(24);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    let text = CHECKOUT;
    await client.open(path, text);
    const uri = client.uri(path);
    let answered = 0;
    for (let version = 2; version < EDITS + 2; version++) {
      const start = Math.floor(next() * (text.length + 1));
      const remove = next() < 0.4 ? Math.floor(next() * 12) : 0;
      const end = Math.min(text.length, start + remove);
      const insert = next() < 0.8 ? pick(FRAGMENTS) : "";
      // Edits at the boundary of a surrogate pair are what a client never sends: keep whole characters.
      if (/[\uDC00-\uDFFF]/.test(text[start] ?? "") || /[\uDC00-\uDFFF]/.test(text[end] ?? "")) continue;
      const range = { start: position(text, start), end: position(text, end) };
      text = text.slice(0, start) + insert + text.slice(end);
      // Keep the document a size an editor holds: start over from the journey when it grows past 20 KB.
      if (text.length > 20_000) {
        text = CHECKOUT;
        await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
      } else {
        await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
      }
      if (version % REQUEST_EVERY !== 0) continue;
      const at = position(text, Math.floor(next() * (text.length + 1)));
      const params = { textDocument: { uri }, position: at };
      const requests = [
        client.connection.sendRequest("textDocument/completion", params),
        client.connection.sendRequest("textDocument/hover", params),
        client.connection.sendRequest("textDocument/definition", params),
        client.connection.sendRequest("textDocument/references", { ...params, context: { includeDeclaration: true } }),
        client.connection.sendRequest("textDocument/prepareRename", params),
        client.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri } }),
        client.connection.sendRequest("textDocument/codeAction", { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } }),
      ];
      await Promise.all(requests);
      answered += requests.length;
    }
    // The text the server holds is the text sent: a whole-document request agrees with the client's view.
    const symbols = await client.connection.sendRequest<unknown[]>("textDocument/documentSymbol", { textDocument: { uri } });
    expect(Array.isArray(symbols)).toBe(true);
    expect(answered).toBeGreaterThan(1000);
    expect(client.process.exitCode).toBeNull();
    // A provider that threw is logged on stderr (and answered empty): none did.
    expect(client.stderr).toBe("");
    expect(await client.stop()).toBe(0);
  }, 120_000);
});
