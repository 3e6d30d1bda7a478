import { Command, CommanderError, Option } from "commander";
import { loadSchema, SCHEMA_FILES } from "../validate/schema-validators.js";
import { runInit } from "./commands/init.js";
import { cleanUpOnInterrupt } from "../util/atomic-write.js";
import { describeSystemError, EXIT, UsageError } from "./errors.js";
import { runCheck, type CheckCommandOptions } from "./run-check.js";
import type { RenderCommandOptions } from "./commands/render.js";
import { VERSION } from "./version.js";
import { MissingPackageError } from "../util/optional-package.js";
import { GlobPatternError } from "../discover/files.js";
import { FORMAT_NAMES } from "../report/formatters/index.js";

// For bin/journey.cjs, which runs the CLI in a process of its own.
export { holdOptimizer, releaseOptimizer } from "../util/tiering.js";

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name("journey")
    .description("Customer journey maps as code: validate, lint and render journey YAML files.")
    .version(VERSION, "-v, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.startsWith("error:") ? `journey: ${text}` : text) })
    .addHelpText(
      "after",
      `
Examples:
  journey init                      start a project with a config and an example journey
  journey lint                      validate and lint every journey of the project (config include, or this folder)
  journey validate                  structural checks only: syntax, schema, references
  journey render --check            fail when the rendered reports are not current
  journey validate docs/journeys    check every *.journey.yaml below a folder
  journey schema > journey.schema.json

Exit codes: 0 no errors, 1 errors found, 2 usage, config or internal error.`,
    );

  const formatOption = () =>
    new Option("-f, --format <name>", "output format").choices([...FORMAT_NAMES]).default("stylish");

  program
    .command("validate")
    .description("check journey files against the schema and their references (structure only)")
    .argument("[paths...]", "files, folders or globs (default: the config's include, else the current folder)")
    .option("-c, --config <file>", "config file (default: the nearest journey.config.yaml)")
    .addOption(formatOption())
    .option("-o, --output-file <file>", "write the report to a file (atomically) instead of stdout")
    .option("--concurrency <n>", "threads for checking many files: auto (one per core, 100 files each at least), off, or a number (at most one per core)", "auto")
    .option("--no-color", "print without colours (also NO_COLOR=1)")
    .addHelpText(
      "after",
      `
Examples:
  journey validate
  journey validate examples/ "docs/**/*.journey.yaml"
  journey validate --format json -o report.json`,
    )
    .action(async (paths: string[], options: CheckCommandOptions) => setExit(await runCheck(paths, options, "validate")));

  program
    .command("lint")
    .description("validate journey files and run the lint rules: the command for CI")
    .argument("[paths...]", "files, folders or globs (default: the config's include, else the current folder)")
    .option("-c, --config <file>", "config file (default: the nearest journey.config.yaml)")
    .addOption(formatOption())
    .option("-o, --output-file <file>", "write the report to a file (atomically) instead of stdout")
    .option("--quiet", "report errors only")
    .option("--max-warnings <n>", "exit 1 when there are more than n warnings")
    .option("--rule <id=severity>", "override a rule: id=off|info|warning|error, or id='[severity, {options}]' (repeatable)", (value: string, previous: string[] = []) => [...previous, value])
    .option("--report-unused-disable-directives", "report journey-disable comments that silence nothing")
    .option("--print-config <file>", "print the rules in force for a file, and exit")
    .option("--concurrency <n>", "threads for checking many files: auto (one per core, 100 files each at least), off, or a number (at most one per core)", "auto")
    .option("--no-color", "print without colours (also NO_COLOR=1)")
    .addHelpText(
      "after",
      `
Examples:
  journey lint
  journey lint examples/ --max-warnings 0
  journey lint --format sarif -o journey.sarif
  journey lint --format github                 annotations in GitHub Actions
  journey lint --rule path-too-long='["warning",{"max":8}]'
  journey lint --print-config docs/journeys/checkout.journey.yaml`,
    )
    .action(async (paths: string[], options: CheckCommandOptions) => setExit(await runCheck(paths, options, "lint")));

  program
    .command("render")
    .description("write Markdown reports and Mermaid diagrams (and SVG/PNG images) for journeys")
    .argument("[paths...]", "files, folders or globs (default: the config's include, else the current folder)")
    .option("-c, --config <file>", "config file (default: the nearest journey.config.yaml)")
    .option("-o, --out <dir>", "output folder (default: the config's render.out, else journey-docs)")
    .option("--lang <code>", "language of headings and labels: en, bg, pl, ru, da, ar (default: the config's render.lang, else en)")
    .addOption(new Option("--image <format>", "also render diagrams to images (needs Chromium)").choices(["none", "svg", "png"]))
    .option("--check", "write nothing; exit 1 when the rendered Markdown and Mermaid files are not current")
    .option("--analysis <file>", "the JSON of `journey analyze --format json`: adds time between steps, deviations, variants and the observed flow to that journey's report (repeatable)", (value: string, previous: string[] = []) => [...previous, value])
    .option("--force", "overwrite files in the output folder that journey did not generate")
    .option("--no-color", "print without colours (also NO_COLOR=1)")
    .addHelpText(
      "after",
      `
Examples:
  journey render                               reports for every journey into journey-docs/
  journey render examples -o docs/journeys --lang pl
  journey render --image svg                   also SVG images (Chromium: PUPPETEER_EXECUTABLE_PATH or /usr/bin/chromium)
  journey render --check                       in CI: fail when the committed reports are out of date
  journey render --analysis checkout.analysis.json   with what the event log shows (journey analyze --format json)`,
    )
    .action(async (paths: string[], options: RenderCommandOptions) => {
      // The renderer (Markdown, Mermaid, the browser driver) loads only when it is used.
      const { runRender } = await import("./commands/render.js");
      setExit(await runRender(paths, options));
    });

  program
    .command("init")
    .description("write journey.config.yaml and a commented example journey into the current folder")
    .addHelpText("after", "\nExample:\n  mkdir journeys && cd journeys && journey init")
    .action(() => setExit(runInit(process.cwd())));

  program
    .command("schema")
    .description("print the JSON Schema of journey files (or of the config)")
    .option("--config", "print the schema of journey.config.yaml instead")
    .addHelpText("after", "\nExamples:\n  journey schema > journey.schema.json\n  journey schema --config")
    .action((options: { config?: boolean }) => {
      const file = options.config ? SCHEMA_FILES.config : SCHEMA_FILES.journey;
      process.stdout.write(JSON.stringify(loadSchema(file), null, 2) + "\n");
      setExit(EXIT.ok);
    });
  return program;
}

/** Runs the CLI and returns the exit code; never throws for user errors. */
export async function main(argv: string[]): Promise<number> {
  cleanUpOnInterrupt();
  let exitCode: number = EXIT.ok;
  const program = buildProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof MissingPackageError || error instanceof GlobPatternError) {
      process.stderr.write(`journey: ${error.message}\n`);
      return EXIT.usage;
    }
    const system = describeSystemError(error);
    if (system !== undefined) {
      process.stderr.write(`journey: ${system}\n`);
      return EXIT.usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`journey: internal error; please report it.\n${process.env.JOURNEY_DEBUG ? detail : String((error as Error)?.message ?? error)}\n`);
    return EXIT.usage;
  }
}

