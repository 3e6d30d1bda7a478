import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { rulesMeta } from "../../src/lint/rules-meta.js";
import { UNNECESSARY } from "../../src/lsp/diagnostics.js";
import { parseJson, removeTempProjects, runCli, tempProject } from "../helpers/index.js";
import { LspClient, positionOf, type Diagnostic } from "./client.js";
import { CHECKOUT, CONFIG, RETURNS } from "./fixtures.js";

afterAll(removeTempProjects);

type Item = {
  label: string;
  detail?: string;
  textEdit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
};
type Edit = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
type Action = {
  title: string;
  isPreferred?: boolean;
  edit: { changes: Record<string, Edit[]> };
  command?: { command: string; arguments: { uri: string; position: { line: number; character: number } }[] };
};

let client: LspClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

function workspace() {
  const dir = tempProject({ "journey.config.yaml": CONFIG, "checkout.journey.yaml": CHECKOUT, "returns.journey.yaml": RETURNS, ".git/HEAD": "" });
  return { dir, checkout: join(dir, "checkout.journey.yaml"), returns: join(dir, "returns.journey.yaml"), config: join(dir, "journey.config.yaml") };
}

/** Applies LSP text edits to a text (they do not overlap). */
function applyEdits(text: string, edits: Edit[]): string {
  const lines = text.split("\n");
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((result, edit) => result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end)), text);
}

async function completionAt(path: string, text: string, marker: string, delta: number, version: number): Promise<Item[]> {
  const cursor = positionOf(text, marker, delta);
  await client!.change(path, version, text);
  return client!.request<Item[]>("textDocument/completion", path, cursor.line, cursor.character);
}

describe("journey lsp over vscode-jsonrpc", () => {
  it("publishes lint's own findings, with the rule's code, page and source", async () => {
    const { dir, checkout } = workspace();
    client = await LspClient.start(dir);
    await client.open(checkout, CHECKOUT);
    const diagnostics = await client.diagnosticsFor(checkout);
    const lint = parseJson<{ messages: { ruleId: string; line: number; message: string }[] }[]>(
      (await runCli(["lint", "--format", "json", "checkout.journey.yaml"], { cwd: dir })).stdout,
    );
    expect(diagnostics.map((d) => [d.range.start.line + 1, d.code, d.message])).toEqual(lint[0].messages.map((m) => [m.line, m.ruleId, m.message]));
    expect(diagnostics.some((d) => d.code === "channel-unknown")).toBe(true);
    const unknown = diagnostics.find((d) => d.code === "channel-unknown")!;
    expect(unknown).toMatchObject({ source: "journey", codeDescription: { href: expect.stringMatching(/docs\/rules\/channel-unknown\.md$/) as string } });
  });

  it("resolves links to other journeys from the workspace as lint does, follows the target's edits, and goes to the linked step", async () => {
    const { dir, checkout, returns } = workspace();
    client = await LspClient.start(dir);
    const text = CHECKOUT.replace(
      "          - { to: gives-up, when: unhappy }\n",
      "          - { to: gives-up, when: unhappy }\n          - { to: returns#sends-back, when: returns it }\n          - { to: returns#send-back, when: typo }\n",
    );
    await client.open(checkout, text);
    const unknown = (d: Diagnostic[]) => d.filter((x) => x.code === "unknown-reference");
    const diagnostics = await client.diagnosticsFor(checkout, (d) => unknown(d).length > 0);
    const lint = parseJson<{ messages: { ruleId: string; line: number; column: number; message: string }[] }[]>(
      (await runCli(["lint", "--format", "json", "--stdin", "--stdin-filename", "checkout.journey.yaml"], { cwd: dir, input: text })).stdout,
    );
    expect(unknown(diagnostics).map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.message])).toEqual(
      lint[0].messages.filter((m) => m.ruleId === "unknown-reference").map((m) => [m.line, m.column, m.message]),
    );
    expect(unknown(diagnostics).map((d) => d.message)).toEqual([
      "`next` names `send-back`, which is not a step of journey `returns`; did you mean `returns#sends-back`?",
    ]);
    // The other journey gains the step: the linking journey is checked again.
    await client.open(
      returns,
      RETURNS.replace("      - id: sends-back\n", "      - id: send-back\n        name: Sends\n        channel: email\n      - id: sends-back\n"),
    );
    expect(unknown(await client.diagnosticsFor(checkout, (d) => unknown(d).length === 0))).toEqual([]);
    const link = positionOf(text, "returns#sends-back", 3);
    const [target] = await client.request<{ uri: string; range: { start: { line: number } } }[]>(
      "textDocument/definition",
      checkout,
      link.line,
      link.character,
    );
    expect(target).toMatchObject({ uri: client.uri(returns), range: { start: { line: 16 } } }); // `- id: sends-back`, below the step just added
  });

  it("completes on an empty value, an existing value, a flow list, a block list and a disable comment", async () => {
    const { dir, checkout } = workspace();
    client = await LspClient.start(dir);
    await client.open(checkout, CHECKOUT);
    let version = 1;
    // An existing value: replaced whole.
    let items = await completionAt(checkout, CHECKOUT, "channel: emial", "channel: em".length, ++version);
    expect(items.map((i) => i.label)).toEqual(["email", "live-chat", "faq"]);
    const email = items.find((i) => i.label === "email")!;
    expect(email.detail).toContain("Email");
    expect(applyEdits(CHECKOUT, [email.textEdit])).toContain("channel: email\n        emotion");
    // An empty value.
    const empty = CHECKOUT.replace("channel: emial", "channel: ");
    items = await completionAt(checkout, empty, "channel: \n", "channel: ".length, ++version);
    expect(items.map((i) => i.label)).toContain("live-chat");
    expect(applyEdits(empty, [items.find((i) => i.label === "faq")!.textEdit])).toContain("channel: faq\n");
    // In a flow list, after a comma.
    const flow = CHECKOUT.replace("channel: [email, live-chat]", "channel: [email, ]");
    items = await completionAt(checkout, flow, "[email, ]", "[email, ".length, ++version);
    expect(applyEdits(flow, [items.find((i) => i.label === "faq")!.textEdit])).toContain("channel: [email, faq]");
    // A step reference in a block list, and `answers` offers contacts only.
    const block = CHECKOUT.replace("next: [answer]", "next:\n          - ");
    items = await completionAt(checkout, block, "next:\n          - ", "next:\n          - ".length, ++version);
    expect(items.map((i) => i.label)).toEqual(["asks", "answer", "paid", "gives-up"]);
    items = await completionAt(checkout, CHECKOUT, "answers: asks", "answers: a".length, ++version);
    expect(items.map((i) => i.label)).toEqual(["asks"]);
    // A branch's `to` in flow style, and the team of `actor` with the built-in actors.
    items = await completionAt(checkout, CHECKOUT, "to: paid", "to: ".length, ++version);
    expect(items.map((i) => i.label)).toContain("gives-up");
    items = await completionAt(checkout, CHECKOUT, "actor: support", "actor: ".length, ++version);
    expect(items.map((i) => i.label)).toEqual(["support", "customer", "agent", "system"]);
    items = await completionAt(checkout, CHECKOUT, "persona: shopper", "persona: ".length, ++version);
    expect(items.map((i) => i.label)).toEqual(["shopper"]);
    // Rule ids in a disable comment.
    const comment = CHECKOUT.replace("      - id: paid", "      # journey-disable-next-line channel-\n      - id: paid");
    items = await completionAt(checkout, comment, "line channel-\n", "line channel-".length, version + 1);
    expect(items.map((i) => i.label)).toContain("channel-unknown");
  });

  it("hovers channels and rule ids, finds references across the workspace, completes rules in the config", async () => {
    const { dir, checkout, returns, config } = workspace();
    client = await LspClient.start(dir);
    const text = CHECKOUT.replace("      - id: paid", "      # journey-disable-next-line channel-unknown -- legacy\n      - id: paid");
    await client.open(checkout, text);
    await client.diagnosticsFor(checkout);
    type Hover = { contents: { value: string } };
    const channel = positionOf(text, "[email, live-chat]", 10);
    expect((await client.request<Hover>("textDocument/hover", checkout, channel.line, channel.character)).contents.value).toContain(
      "**Live chat** (channel `live-chat`)",
    );
    const rule = positionOf(text, "line channel-unknown", 8);
    const ruleHover = await client.request<Hover>("textDocument/hover", checkout, rule.line, rule.character);
    expect(ruleHover.contents.value).toContain("`channel-unknown`");
    expect(ruleHover.contents.value).toMatch(/docs\/rules\/channel-unknown\.md/);
    // References of `email`: its key in the config, and every journey's use of it.
    const email = positionOf(text, "channel: email", 10);
    const refs = await client.request<{ uri: string }[]>("textDocument/references", checkout, email.line, email.character, {
      context: { includeDeclaration: true },
    });
    const files = refs.map((r) => r.uri).sort();
    expect(files).toEqual([client.uri(checkout), client.uri(checkout), client.uri(config), client.uri(returns)].sort());
    // The persona goes to the config.
    const persona = positionOf(text, "persona: shopper", 10);
    const [target] = await client.request<{ uri: string; range: { start: { line: number } } }[]>(
      "textDocument/definition",
      checkout,
      persona.line,
      persona.character,
    );
    expect(target).toMatchObject({ uri: client.uri(config), range: { start: { line: 5 } } });
    // Rule ids under the config's `rules:`.
    const rules = `${CONFIG}rules:\n  channel-\n`;
    await client.open(config, rules);
    const under = positionOf(rules, "  channel-\n", "  channel-".length);
    const items = await client.request<Item[]>("textDocument/completion", config, under.line, under.character);
    expect(items.map((i) => i.label)).toContain("channel-unknown");
  });

  it("refuses to rename what is not an id, and to an id that exists", async () => {
    const { dir, checkout } = workspace();
    client = await LspClient.start(dir);
    await client.open(checkout, CHECKOUT);
    const name = positionOf(CHECKOUT, "Asks about delivery", 2);
    expect(await client.request("textDocument/prepareRename", checkout, name.line, name.character)).toBeNull();
    const builtin = CHECKOUT.replace("actor: support", "actor: customer");
    await client.change(checkout, 2, builtin);
    const actor = positionOf(builtin, "actor: customer", 9);
    expect(await client.request("textDocument/prepareRename", checkout, actor.line, actor.character)).toBeNull();
    const step = positionOf(builtin, "id: paid", 5);
    expect(await client.request("textDocument/prepareRename", checkout, step.line, step.character)).toMatchObject({ placeholder: "paid" });
    await expect(client.request("textDocument/rename", checkout, step.line, step.character, { newName: "asks" })).rejects.toThrow(/already exists/);
    await expect(client.request("textDocument/rename", checkout, step.line, step.character, { newName: "Not An Id" })).rejects.toThrow(/not an id/);
  });

  it("renames a step with its references and keeps the old id in events:, labelled", async () => {
    const { dir, checkout } = workspace();
    client = await LspClient.start(dir, { workspace: { workspaceEdit: { documentChanges: true, changeAnnotationSupport: {} } } });
    await client.open(checkout, CHECKOUT);
    const step = positionOf(CHECKOUT, "id: paid", 5);
    const edit = await client.request<{ documentChanges: { edits: Edit[] }[]; changeAnnotations: Record<string, { label: string }> }>(
      "textDocument/rename",
      checkout,
      step.line,
      step.character,
      { newName: "pays" },
    );
    const renamed = applyEdits(CHECKOUT, edit.documentChanges[0].edits);
    expect(renamed).toContain("steps: [pays]");
    expect(renamed).toContain("{ to: pays, when: happy }");
    expect(renamed).toContain("      - id: pays\n        events: [paid]\n        name: Pays");
    expect(Object.values(edit.changeAnnotations)[0].label).toMatch(/`paid` added to the step's events:/);
  });

  it("renames a linked step and a journey's id in every link of the workspace, from the declaration or from a link", async () => {
    const linked = CHECKOUT.replace(
      "          - { to: gives-up, when: unhappy }\n",
      "          - { to: gives-up, when: unhappy }\n          - { to: returns#sends-back, when: returns it }\n",
    );
    const dir = tempProject({ "journey.config.yaml": CONFIG, "checkout.journey.yaml": linked, "returns.journey.yaml": RETURNS, ".git/HEAD": "" });
    const [checkout, returns] = [join(dir, "checkout.journey.yaml"), join(dir, "returns.journey.yaml")];
    client = await LspClient.start(dir);
    await client.open(checkout, linked);
    await client.open(returns, RETURNS);
    const renameAt = async (path: string, text: string, marker: string, delta: number, newName: string) => {
      const at = positionOf(text, marker, delta);
      const edit = await client!.request<{ changes: Record<string, Edit[]> }>("textDocument/rename", path, at.line, at.character, { newName });
      return {
        checkout: applyEdits(linked, edit.changes[client!.uri(checkout)] ?? []),
        returns: applyEdits(RETURNS, edit.changes[client!.uri(returns)] ?? []),
      };
    };

    // The step, from its declaration: its journey's references and the other journey's link.
    const step = await renameAt(returns, RETURNS, "id: sends-back", 5, "ships-back");
    expect(step.returns).toContain("steps: [ships-back]");
    expect(step.returns).toContain("next: [ships-back]");
    expect(step.returns).toContain("      - id: ships-back\n        events: [sends-back]\n");
    expect(step.checkout).toBe(linked.replace("returns#sends-back", "returns#ships-back"));
    // The same, from the link's step half.
    const link = positionOf(linked, "returns#sends-back", 9);
    expect(await client.request("textDocument/prepareRename", checkout, link.line, link.character)).toMatchObject({ placeholder: "sends-back" });
    expect(await renameAt(checkout, linked, "returns#sends-back", 9, "ships-back")).toEqual(step);

    // The journey's id, from the link's journey half and from its `id:`.
    const half = positionOf(linked, "returns#sends-back", 2);
    expect(await client.request("textDocument/prepareRename", checkout, half.line, half.character)).toMatchObject({ placeholder: "returns" });
    const journey = await renameAt(checkout, linked, "returns#sends-back", 2, "refunds");
    expect(journey.returns).toBe(RETURNS.replace("id: returns", "id: refunds"));
    expect(journey.checkout).toBe(linked.replace("returns#sends-back", "refunds#sends-back"));
    expect(await renameAt(returns, RETURNS, "id: returns", 5, "refunds")).toEqual(journey);
    await expect(renameAt(returns, RETURNS, "id: returns", 5, "checkout")).rejects.toThrow(/a journey `checkout` already exists/);
  });

  it("offers each finding's fix and suggestions, and disabling the rule for the step", async () => {
    const { dir, checkout } = workspace();
    client = await LspClient.start(dir);
    const text = CHECKOUT.replace("        emotion: -1", "        emotoin: -1");
    await client.open(checkout, text);
    const diagnostics = await client.diagnosticsFor(checkout, (d) => d.length > 0);
    const typo = diagnostics.find((d: Diagnostic) => d.code === "schema")!;
    let actions = await client.connection.sendRequest<Action[]>("textDocument/codeAction", {
      textDocument: { uri: client.uri(checkout) },
      range: typo.range,
      context: { diagnostics: [typo] },
    });
    const fix = actions.find((a) => a.isPreferred)!;
    expect(applyEdits(text, Object.values(fix.edit.changes)[0])).toBe(CHECKOUT);
    // With the key fixed, the lint runs: a misspelt channel gets a suggestion and a disable action.
    await client.change(checkout, 2, CHECKOUT);
    const unknown = (await client.diagnosticsFor(checkout, (d) => d.some((x) => x.code === "channel-unknown"))).find((d) => d.code === "channel-unknown")!;
    actions = await client.connection.sendRequest<Action[]>("textDocument/codeAction", {
      textDocument: { uri: client.uri(checkout) },
      range: unknown.range,
      context: { diagnostics: [unknown] },
    });
    const suggestion = actions.find((a) => /email/.test(a.title))!;
    expect(applyEdits(CHECKOUT, Object.values(suggestion.edit.changes)[0])).toContain("channel: email\n        emotion");
    const disable = actions.find((a) => a.title === "Disable channel-unknown for this step")!;
    expect(applyEdits(CHECKOUT, Object.values(disable.edit.changes)[0])).toContain("      # journey-disable-next-line channel-unknown -- \n      - id: asks");
    // A client that has not declared journey.placeCursor gets the edit alone (Neovim's default client would send the command back).
    expect(disable.command).toBeUndefined();
  });

  it("asks a client that declares journey.placeCursor to put the cursor after `-- `, where the reason goes", async () => {
    const { dir, checkout } = workspace();
    client = await LspClient.start(dir, { experimental: { commands: { commands: ["journey.placeCursor"] } } });
    await client.open(checkout, CHECKOUT);
    const unknown = (await client.diagnosticsFor(checkout, (d) => d.some((x) => x.code === "channel-unknown"))).find((d) => d.code === "channel-unknown")!;
    const actions = await client.connection.sendRequest<Action[]>("textDocument/codeAction", {
      textDocument: { uri: client.uri(checkout) },
      range: unknown.range,
      context: { diagnostics: [unknown] },
    });
    const disable = actions.find((a) => a.title === "Disable channel-unknown for this step")!;
    const fixed = applyEdits(CHECKOUT, Object.values(disable.edit.changes)[0]);
    expect(disable.command).toMatchObject({ command: "journey.placeCursor", arguments: [{ uri: client.uri(checkout) }] });
    const { position } = disable.command!.arguments[0];
    const line = fixed.split("\n")[position.line];
    expect([line.slice(0, position.character), line.slice(position.character)]).toEqual(["      # journey-disable-next-line channel-unknown -- ", ""]);
    // The other actions need no cursor.
    expect(actions.filter((a) => a.command).map((a) => a.title)).toEqual(["Disable channel-unknown for this step"]);
  });

  it("points a finding to its other places (relatedInformation) and fades unused things (Unnecessary)", async () => {
    const { dir, checkout } = workspace();
    client = await LspClient.start(dir);
    const uri = client.uri(checkout);
    // `answer` is reached only past the contact's own flow, and a channel declared in the journey is never used.
    const unanswered = CHECKOUT.replace("        next: [answer]", "        next: [paid]").replace(
      "stages:\n",
      "channels:\n  fax: { name: Fax, mode: async }\nstages:\n",
    );
    await client.open(checkout, unanswered);
    const diagnostics = await client.diagnosticsFor(checkout, (d) => d.some((x) => x.code === "touchpoint-unanswered"));
    const lineOf = (text: string, needle: string) => text.split("\n").findIndex((line) => line.includes(needle));
    const touchpoint = diagnostics.find((d) => d.code === "touchpoint-unanswered")!;
    expect(touchpoint.relatedInformation).toEqual([
      {
        location: {
          uri,
          range: { start: { line: lineOf(unanswered, "- id: answer"), character: 12 }, end: { line: lineOf(unanswered, "- id: answer"), character: 18 } },
        },
        message: "`answer` answers `asks`, but no path leads here from it",
      },
    ]);
    const unused = diagnostics.find((d) => d.code === "channel-unused")!;
    expect(unused.tags).toEqual([1]); // DiagnosticTag.Unnecessary
    expect(diagnostics.filter((d) => d.tags).map((d) => d.code)).toEqual(["channel-unused"]);
    // A duplicate step id: the structural check relates it to the first declaration.
    const duplicate = unanswered.replace("      - id: gives-up", "      - id: paid");
    await client.change(checkout, 2, duplicate);
    const [dup] = (await client.diagnosticsFor(checkout, (d) => d.some((x) => x.code === "duplicate-id"))).filter((d) => d.code === "duplicate-id");
    expect(dup.range.start.line).toBe(duplicate.split("\n").lastIndexOf("      - id: paid"));
    expect(dup.relatedInformation).toEqual([
      {
        location: {
          uri,
          range: { start: { line: lineOf(duplicate, "- id: paid"), character: 12 }, end: { line: lineOf(duplicate, "- id: paid"), character: 16 } },
        },
        message: "step id `paid` first declared here",
      },
    ]);
  });

  it("shows the workspace's indexing as work-done progress to a client that declares it, ending once every journey is indexed", async () => {
    const { dir, checkout, returns, config } = workspace();
    client = await LspClient.start(dir, { window: { workDoneProgress: true } });
    const deadline = Date.now() + 10_000;
    while (!client.progress.some((p) => p.kind === "end") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.progress[0]).toMatchObject({ kind: "begin", title: "journey: indexing" });
    expect(client.progress.at(-1)).toMatchObject({ kind: "end" });
    // Indexed: references of a channel name every journey without any being opened.
    const text = CHECKOUT;
    await client.open(checkout, text);
    const email = positionOf(text, "channel: email", 10);
    const refs = await client.request<{ uri: string }[]>("textDocument/references", checkout, email.line, email.character, {
      context: { includeDeclaration: true },
    });
    expect(new Set(refs.map((r) => r.uri))).toEqual(new Set([client.uri(checkout), client.uri(config), client.uri(returns)]));
  });

  it("fades the findings of rules that exist (a renamed rule would silently lose its Unnecessary tag)", () => {
    const known = rulesMeta("https://example.invalid/");
    expect([...UNNECESSARY].filter((id) => !known.has(id))).toEqual([]);
  });

  it("offers the quote fix of a value holding `: ` as the preferred quick fix", async () => {
    const { dir, checkout } = workspace();
    client = await LspClient.start(dir);
    const text = CHECKOUT.replace("name: Asks about delivery", "name: Asks: about delivery");
    await client.open(checkout, text);
    const [syntax] = await client.diagnosticsFor(checkout, (d) => d.some((x) => x.code === "syntax"));
    expect(syntax.code).toBe("syntax");
    const actions = await client.connection.sendRequest<Action[]>("textDocument/codeAction", {
      textDocument: { uri: client.uri(checkout) },
      range: syntax.range,
      context: { diagnostics: [syntax] },
    });
    // A syntax error cannot be disabled; its fix is offered, preferred.
    expect(actions.map((a) => a.isPreferred ?? false)).toEqual([true]);
    expect(applyEdits(text, Object.values(actions[0].edit.changes)[0])).toContain('name: "Asks: about delivery"');
  });

  it("re-checks open journeys when the config changes", async () => {
    const { dir, checkout, config } = workspace();
    client = await LspClient.start(dir);
    await client.open(checkout, CHECKOUT);
    await client.diagnosticsFor(checkout, (d) => d.some((x) => x.code === "channel-unknown"));
    await client.open(config, CONFIG.replace("channels:\n", "channels:\n  emial: { name: Old mail, mode: async }\n"));
    const after = await client.diagnosticsFor(checkout, (d) => !d.some((x) => x.code === "channel-unknown"));
    expect(after.some((d) => d.code === "channel-unknown")).toBe(false);
    // A config lint cannot use: the journey says so on its first line, the config where it is wrong.
    await client.change(config, 2, "channels:\n  email: { mode: sometimes }\n");
    const broken = await client.diagnosticsFor(checkout, (d) => d.some((x) => x.message.includes("cannot be used")));
    expect(broken.map((d) => [d.range.start.line, d.message.includes("cannot be used")])).toEqual(broken.map(() => [0, true]));
    expect((await client.diagnosticsFor(config, (d) => d.length > 0))[0].range.start.line).toBe(1);
  });
});
