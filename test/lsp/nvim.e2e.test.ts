import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, neovimAvailable, parseJson, removeTempProjects, runCli, ROOT, tempProject } from "../helpers/index.js";
import { CHECKOUT, CONFIG, RETURNS } from "./fixtures.js";

afterAll(removeTempProjects);

interface Seen {
  errors: string[];
  diagnostics: { line: number; code: string; message: string }[];
  channel_completion: string[];
  step_completion: string[];
  definition: { file: string; line: number };
  hover: string;
  outline: { name: string; steps: string[] }[];
  actions: string[];
  fixed_line: string;
  after_fix: { line: number; code: string }[];
  disable_cursor: [string, string];
  after_step_rename: string[];
  renamed_files: string[];
  buffers: Record<string, string[]>;
  after_edit: { line: number; code: string }[];
  edit_line: number;
}

/**
 * `journey lsp --stdio` driven by a real editor: Neovim's own LSP client (`nvim --headless` with
 * test/lsp/nvim-client.lua), on a workspace with a config and two journeys.
 */
describe.runIf(neovimAvailable())("journey lsp in Neovim", () => {
  it("shows lint's diagnostics, completes, goes to the config, hovers, renames, fixes, outlines and re-checks an edit", async () => {
    const dir = tempProject({ "journey.config.yaml": CONFIG, "checkout.journey.yaml": CHECKOUT, "returns.journey.yaml": RETURNS, ".git/HEAD": "" });
    const out = join(dir, "seen.json");
    const run = spawnSync("nvim", ["--headless", "--clean", "-c", `luafile ${join(ROOT, "test", "lsp", "nvim-client.lua")}`], {
      cwd: dir,
      env: { ...process.env, JOURNEY_BIN: BIN, WORKSPACE: dir, OUT: out },
      encoding: "utf8",
      timeout: 60_000,
    });
    const seen = parseJson<Seen>(readFileSync(out, "utf8"));
    expect(seen.errors, run.stderr).toEqual([]);

    // The same findings as `journey lint --format json` for the file: lines and rule ids.
    const lint = parseJson<{ messages: { ruleId: string; line: number }[] }[]>(
      (await runCli(["lint", "--format", "json", "checkout.journey.yaml"], { cwd: dir })).stdout,
    );
    const expected = lint[0].messages.map((m) => ({ line: m.line, code: m.ruleId })).sort((a, b) => a.line - b.line || a.code.localeCompare(b.code));
    expect(seen.diagnostics.map(({ line, code }) => ({ line, code }))).toEqual(expected);
    expect(expected.map((d) => d.code)).toContain("channel-unknown");

    expect(seen.channel_completion).toEqual(["email", "live-chat", "faq"]);
    expect(seen.step_completion).toEqual(["asks", "answer", "paid", "gives-up"]);
    expect(seen.definition).toEqual({ file: join(dir, "journey.config.yaml"), line: 2 });
    expect(seen.hover).toContain("Asks about delivery");
    expect(seen.hover).toContain("contact");
    expect(seen.outline).toEqual([{ name: "Buy", steps: ["Asks about delivery", "Support answers", "Pays", "Gives up"] }]);

    expect(seen.actions).toContain("Disable channel-unknown for this step");
    expect(seen.fixed_line).toBe("        channel: email");
    expect(seen.after_fix.map((d) => d.code)).not.toContain("channel-unknown");
    // The line before and after the cursor once the disable action ran, its command included: in
    // insert mode, after `-- `.
    expect(seen.disable_cursor).toEqual(["      # journey-disable-next-line channel-unknown -- ", ""]);

    const renamed = seen.after_step_rename.join("\n");
    expect(renamed).toContain("steps: [pays]");
    expect(renamed).toContain("{ to: pays, when: happy }");
    expect(renamed).toContain("      - id: pays\n        events: [paid]");

    expect(seen.renamed_files.sort()).toEqual([join(dir, "checkout.journey.yaml"), join(dir, "journey.config.yaml"), join(dir, "returns.journey.yaml")]);
    expect(seen.buffers["journey.config.yaml"]).toContain("  mail: { name: Email, mode: async }");
    expect(seen.buffers["returns.journey.yaml"]).toContain("        channel: mail");
    expect(seen.buffers["checkout.journey.yaml"]).toContain("        channel: [mail, live-chat]");

    expect(seen.after_edit).toContainEqual(expect.objectContaining({ line: seen.edit_line, code: "channel-unknown" }));
  }, 90_000);
});
