import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/index.js";

/** The stage boundaries of docs/architecture.md, checked on the import statements of src/. */
const SRC = join(ROOT, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The modules of src/ that `file` imports, as paths relative to src/ without extension. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)\b[^;]*?from\s+"(\.[^"]+)"/gms)].map((match) =>
    relative(SRC, resolve(file, "..", match[1]))
      .replace(/\\/g, "/")
      .replace(/\.js$/, ""),
  );
}

const rules: { stage: string; allowed: RegExp; why: string }[] = [
  {
    stage: "report",
    allowed: /^(report\/|finding$|results$|escape\/|util\/)/,
    why: "formatters get reports and rule metadata from the run, never the model, the registry or the CLI",
  },
  {
    stage: "render",
    allowed: /^(render\/|i18n\/|portfolio\/|check$|finding$|results$|escape\/|util\/|config\/|model\/|analyze\/types$)/,
    why: "render gets checked files, rule metadata and analysis results (the JSON contract of analyze/types) from the command, and the index's aggregates from the portfolio, never the registry, the engines or the CLI",
  },
  {
    stage: "portfolio",
    allowed: /^(portfolio\/|project\/|model\/|config\/|i18n\/|escape\/|util\/)/,
    why: "the portfolio computes its aggregates from the project model (journeys' facts and catalogs), never from render, analyze's engines, lint or the CLI",
  },
  {
    stage: "i18n",
    allowed: /^(i18n\/|finding$|config\/types$|model\/types$|util\/)/,
    why: "the report languages sit below render, diff and the portfolio: labels, rule messages and names, from findings and the model's types only",
  },
  {
    stage: "validate",
    allowed: /^(validate\/|finding$|load\/|config\/|model\/types$|model\/journey-link$|util\/)/,
    why: "validation works on the document, before the model is built (the one parser of links between journeys is shared with the model)",
  },
  { stage: "model", allowed: /^(model\/|config\/|load\/locator$)/, why: "the model knows nothing of checking, rules or output" },
  {
    stage: "project",
    allowed: /^(project\/|check$|config\/|discover\/|finding$|lint\/|load\/|model\/|results$|util\/|validate\/)/,
    why: "the project model is built from the loader and checks lint uses, never from render, analyze, diff, the editor or the CLI",
  },
  {
    stage: "lsp",
    allowed: /^(lsp\/|project\/|config\/|escape\/|finding$|lint\/|load\/|model\/|results$|rules\/registry$|util\/)/,
    why: "the editor reads the project model and lint's rule metadata, never render, analyze, diff or the CLI",
  },
  {
    stage: "rules",
    allowed: /^(rules\/|finding$|load\/locator$|model\/|util\/)/,
    why: "a rule sees the model and reports; settings and output are lint's and report's",
  },
];

describe("stage boundaries (docs/architecture.md)", () => {
  for (const { stage, allowed, why } of rules) {
    it(`src/${stage}/ imports only what it may: ${why}`, () => {
      const outside = sourceFiles(join(SRC, stage)).flatMap((file) =>
        importsOf(file)
          .filter((target) => !allowed.test(target))
          .map((target) => `${relative(SRC, file)} imports ${target}`),
      );
      expect(outside).toEqual([]);
    });
  }
});
