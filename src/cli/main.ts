import { Command, CommanderError, Option } from "commander";
import { loadSchema, SCHEMA_FILES } from "../validate/schema-validators.js";
import { relative } from "node:path";
import { onIgnoredConfig } from "../config/load.js";
import { toPosix } from "../util/paths.js";
import { describeSystemError, EXIT, UsageError } from "./errors.js";
import { runCheck, type CheckCommandOptions } from "./run-check.js";
import type { LspCommandOptions } from "./commands/lsp.js";
import type { RenderCommandOptions } from "./commands/render.js";
import { VERSION } from "./version.js";
import { MissingPackageError } from "../util/optional-package.js";
import { GlobPatternError } from "../discover/files.js";
import { visibleText } from "../escape/terminal.js";
import { FORMAT_NAMES } from "../report/formatters/index.js";
import { DEFAULT_ENGINE, ENGINE_NAMES } from "../analyze/engines/names.js";
import { ANALYZE_FORMAT_NAMES } from "../analyze/formatters/names.js";
import type { AnalyzeCommandOptions } from "./commands/analyze.js";
import type { DiffCommandOptions } from "./commands/diff.js";
import type { PreviewCommandOptions } from "./commands/preview.js";
import type { PortfolioCommandOptions } from "./commands/portfolio.js";
import type { RulesCommandOptions } from "./commands/rules.js";

// For bin/journey.cjs, which runs the CLI in a process of its own.
export { holdOptimizer, releaseOptimizer, wasShortRun, withDefaultFlags } from "../util/tiering.js";

function buildProgram(setExit: (code: number) => void, argv: readonly string[]): Command {
  const program = new Command();
  program
    .name("journey")
    .description("Customer journey maps as code: validate, lint, render and analyze journey YAML files.")
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
  journey analyze j.journey.yaml --events log.csv   measure the journey against an event log
  journey diff origin/main...HEAD   what a pull request changes for the customer
  journey portfolio                 coverage, channels, handoffs, backlog and links across every journey
  journey preview                   see the journey maps in a browser, redrawn on every save
  journey validate docs/journeys    check every *.journey.yaml below a folder
  journey rules                     list the lint rules, their default severity and options
  journey lsp --stdio               the language server editors start (docs/editors.md)
  journey schema > journey.schema.json

Exit codes: 0 no errors, 1 errors found, 2 usage, config or internal error.`,
    );

  const formatOption = () => new Option("-f, --format <name>", "output format").choices([...FORMAT_NAMES]).default("stylish");

  // Only the command being run is defined (its options, help text and action) when the first
  // argument names one: defining all of them was 1.8 ms of a one-file lint. Otherwise (help, a
  // typo, no command at all) every command is defined, in this order, for the help and the
  // suggestions.
  const pending: (() => void)[] = [];
  let chosen = false;
  const command = (name: string, define: () => void) => {
    if (chosen) return;
    if (argv[0] !== name) {
      pending.push(define);
      return;
    }
    chosen = true;
    pending.length = 0;
    define();
  };

  command("validate", () => {
    program
      .command("validate")
      .description("check journey files against the schema and their references (structure only)")
      .argument("[paths...]", "files, folders or globs (default: the config's include, else the current folder)")
      .option("-c, --config <file>", "config file (default: the nearest journey.config.yaml)")
      .addOption(formatOption())
      .option("-o, --output-file <file>", "write the report to a file (atomically) instead of stdout")
      .option(
        "--concurrency <n>",
        "threads for checking files: auto (one per core, 2,000 files each at least; a file of 1 MB or more on a thread of its own, with a smaller heap), off (every file on the main thread), or a number (at most one per core)",
        "auto",
      )
      .option("--stdin", "validate the text on standard input")
      .option("--stdin-filename <path>", "with --stdin: the file the text stands for (its config, its name in the report)")
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
  });

  command("lint", () => {
    program
      .command("lint")
      .description("validate journey files and run the lint rules: the command for CI")
      .argument("[paths...]", "files, folders or globs (default: the config's include, else the current folder)")
      .option("-c, --config <file>", "config file (default: the nearest journey.config.yaml)")
      .addOption(formatOption())
      .option("-o, --output-file <file>", "write the report to a file (atomically) instead of stdout")
      .option("--quiet", "report errors only")
      .option("--max-warnings <n>", "exit 1 when there are more than n warnings")
      .option(
        "--rule <id=severity>",
        "override a rule: id=off|info|warning|error, or id='[severity, {options}]' (repeatable)",
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .option("--report-unused-disable-directives", "report journey-disable comments that silence nothing")
      .option("--print-config <file>", "print the rules in force for a file, and exit")
      .option("--fix", "apply the safe fixes of findings to the files (in up to ten passes), and report what remains")
      .option("--fix-dry-run", "compute the fixes without writing; the json format shows each file's fixed text as `output`")
      .option("--stdin", "lint the text on standard input (for editors and lint-staged)")
      .option("--stdin-filename <path>", "with --stdin: the file the text stands for (its config, its name in the report)")
      .option(
        "--concurrency <n>",
        "threads for checking files: auto (one per core, 2,000 files each at least; a file of 1 MB or more on a thread of its own, with a smaller heap), off (every file on the main thread), or a number (at most one per core)",
        "auto",
      )
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
  journey lint --print-config docs/journeys/checkout.journey.yaml
  journey lint --fix                           quote values, rename misspelt keys, remove unused disable comments
  cat checkout.journey.yaml | journey lint --stdin --stdin-filename docs/checkout.journey.yaml`,
      )
      .action(async (paths: string[], options: CheckCommandOptions) => setExit(await runCheck(paths, options, "lint")));
  });

  command("render", () => {
    program
      .command("render")
      .description("write Markdown reports, Mermaid diagrams and journey maps (HTML; SVG/PNG/PDF images) for journeys")
      .argument("[paths...]", "files, folders or globs (default: the config's include, else the current folder)")
      .option("-c, --config <file>", "config file (default: the nearest journey.config.yaml)")
      .option("-o, --out <dir>", "output folder (default: the config's render.out, else journey-docs)")
      .option("--lang <code>", "language of headings and labels: en, bg, pl, ru, da, ar (default: the config's render.lang, else en)")
      .addOption(
        new Option(
          "--image <format>",
          "also render images (needs Chromium): svg or png of the diagrams (png also <id>.map.png of each map), pdf of each map",
        ).choices(["none", "svg", "png", "pdf"]),
      )
      .option("--no-map", "do not write the journey maps (<id>.html and index.html)")
      .option("--check", "write nothing; exit 1 when the rendered Markdown, Mermaid and HTML files are not current")
      .option(
        "--analysis <file>",
        "the JSON of `journey analyze --format json`: adds time between steps, deviations, variants and the observed flow to that journey's report (repeatable; replaces render.analysis's file of the same journey for this run)",
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .option("--force", "overwrite files in the output folder that journey did not generate")
      .option("--no-color", "print without colours (also NO_COLOR=1)")
      .addHelpText(
        "after",
        `
Examples:
  journey render                               reports for every journey into journey-docs/
  journey render examples -o docs/journeys --lang pl
  journey render --image svg                   also SVG images (Chromium: PUPPETEER_EXECUTABLE_PATH or /usr/bin/chromium)
  journey render --image pdf                   each journey map as an A3 landscape PDF
  journey render --check                       in CI: fail when the committed reports are out of date
  journey render --analysis checkout.analysis.json   with what the event log shows (journey analyze --format json)`,
      )
      .action(async (paths: string[], options: RenderCommandOptions) => {
        // The renderer (Markdown, Mermaid, the browser driver) loads only when it is used.
        const { runRender } = await import("./commands/render.js");
        setExit(await runRender(paths, options));
      });
  });

  command("analyze", () => {
    program
      .command("analyze")
      .description("measure a journey against an event log: funnel, time between steps, conformance to the map")
      .argument("<journey>", "the journey file")
      .option(
        "-e, --events <file|glob>",
        "event log: .csv, .tsv, .jsonl, .ndjson, .xes (optionally .gz) or .parquet (repeatable)",
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .addOption(new Option("--engine <name>", "where the analysis runs").choices(ENGINE_NAMES).default(DEFAULT_ENGINE))
      .addOption(new Option("-f, --format <name>", "output format").choices([...ANALYZE_FORMAT_NAMES]).default("stylish"))
      .option("-o, --output-file <file>", "write the result to a file (atomically) instead of stdout")
      .option("--top <n>", "how many variants, deviations, unmapped activities (and segments in stylish and markdown) to list", "10")
      .option("--case-column <name>", "column of the case id (default: case_id, or case:concept:name)")
      .option("--activity-column <name>", "column of the activity (default: activity, or concept:name)")
      .option("--time-column <name>", "column of the timestamp (default: timestamp, or time:timestamp)")
      .option("--delimiter <char>", "CSV delimiter, e.g. ';' or tab (default: detected from the header among , ; tab |, or analyze.delimiter)")
      .option("--timestamp-format <fmt>", "text times in strftime codes %Y %m %d %H %M %S %f %z, e.g. '%m/%d/%Y %H:%M' (default: ISO 8601; duckdb engine)")
      .addOption(
        new Option("--lifecycle <which>", "XES: events kept by lifecycle:transition (complete: complete or none)")
          .choices(["complete", "all"])
          .default("complete"),
      )
      .option("--memory-limit <size>", "ceiling on the process's memory, e.g. 512MB or 2GB (default 1.5GB, or analyze.memory_limit)")
      .option("--max-case-events <n>", "most mapped events one case may have (default 1000000, or analyze.max_case_events)")
      .option("--window <duration>", "figures on each case's path up to this long after its first step, e.g. 90s, 30m, 2h or 7d")
      .option("--since <time>", "only cases whose path starts at or after this ISO time (no zone: UTC)")
      .option("--until <time>", "only cases whose path starts before this ISO time (no zone: UTC)")
      .addOption(
        new Option("--every <unit>", "also the trend: conversion and fitness of the cases starting each day, week (from Monday) or month, in UTC").choices([
          "day",
          "week",
          "month",
        ]),
      )
      .option("--by <column>", "also the segments: conversion and fitness by this column's value on each case's first step, e.g. device")
      .option("--verbose", "stylish and markdown: also the funnel of each segment (--by)")
      .option("--write", "record the measured figures in the journey file (metrics.reached of instrumented steps, and measured:)")
      .option("--url <url>", "with --engine clickhouse: the server's HTTP address (credentials from CLICKHOUSE_USER, CLICKHOUSE_PASSWORD)")
      .option("--table <name>", "with --engine clickhouse: the table of events (a Distributed table works too)")
      .option("--database <name>", "with --engine clickhouse: the database of the table (default: the user's default)")
      .option("-c, --config <file>", "config file (default: the journey's nearest journey.config.yaml)")
      .option("--no-color", "print without colours (also NO_COLOR=1)")
      .addHelpText(
        "after",
        `
Examples:
  journey analyze checkout.journey.yaml --events events.csv
  journey analyze checkout.journey.yaml --events events.csv --write      then lint and render use the measured figures
  journey analyze checkout.journey.yaml --engine clickhouse --url http://localhost:8123 --table events
  journey analyze checkout.journey.yaml --events "logs/2026-*.parquet" --format json -o analysis.json
  journey analyze checkout.journey.yaml --events log.jsonl.gz --case-column session_id --time-column ts
  journey analyze checkout.journey.yaml --events export.csv --delimiter ';' --timestamp-format '%d.%m.%Y %H:%M'
  journey analyze checkout.journey.yaml --events BPI_Challenge_2012.xes.gz --lifecycle all
  journey analyze checkout.journey.yaml --events events.csv --window 1h --since 2026-03-01 --until 2026-04-01
  journey analyze checkout.journey.yaml --events events.csv --every week
  journey analyze checkout.journey.yaml --events events.csv --by device --every week --window 1h

Exit codes: 0 analysed, 1 the journey has structural errors, 2 usage, config or log problems.`,
      )
      .action(async (journey: string, options: AnalyzeCommandOptions) => {
        // The analysis (and its database engine) loads only when it is used.
        const { runAnalyzeCommand } = await import("./commands/analyze.js");
        setExit(await runAnalyzeCommand(journey, options));
      });
  });

  command("diff", () => {
    program
      .command("diff")
      .description("what a change does to the customer: compare journeys between git revisions (or two files)")
      .argument("<base>", "base revision (A...B compares B with the merge base of A and B, as git diff does), or the old journey file")
      .argument("[head]", "head revision (default: the working tree), or the new journey file")
      .argument("[paths...]", "after --: only journey files under these paths, as in git")
      .option("-c, --config <file>", "config for both versions of every file (default: each version's nearest journey.config.yaml in its revision)")
      .addOption(new Option("-f, --format <name>", "output format").choices(["stylish", "markdown", "json", "github"]).default("stylish"))
      .option("-o, --output-file <file>", "write the report to a file (atomically) instead of stdout")
      .addOption(
        new Option("--fail-on <severity>", "exit 1 when a change of this severity or above is present")
          .choices(["error", "warning", "info", "never"])
          .default("error"),
      )
      .option("--lang <code>", "language of the markdown format: en, bg, pl, ru, da, ar (default: the config's render.lang, else en)")
      .option("--no-color", "print without colours (also NO_COLOR=1)")
      .addHelpText(
        "after",
        `
Examples:
  journey diff main                            the working tree against main
  journey diff origin/main...HEAD -- docs/     a pull request: its changes since it left main, under docs/
  journey diff v1.2 v1.3 --format json
  journey diff main... --format markdown >> "$GITHUB_STEP_SUMMARY"
  journey diff old.journey.yaml new.journey.yaml`,
      )
      .action(async (base: string, head: string | undefined, paths: string[], options: DiffCommandOptions) => {
        // Arguments after `--` are paths, as in git; commander hands them over as operands.
        const dashes = argv.indexOf("--", Math.max(0, argv.indexOf("diff")));
        const pathCount = dashes >= 0 ? argv.length - dashes - 1 : 0;
        const { runDiff } = await import("./commands/diff.js");
        setExit(await runDiff([base, ...(head !== undefined ? [head] : []), ...paths], pathCount, options));
      });
  });

  command("portfolio", () => {
    program
      .command("portfolio")
      .description("every journey of the project at once: coverage of personas and stages, channels, handoffs, backlog, links, freshness")
      .argument("[paths...]", "journey files, folders or globs (default: the config's include, or this folder)")
      .option("-c, --config <file>", "config file (default: nearest journey.config.yaml)")
      .addOption(new Option("-f, --format <name>", "output format").choices(["stylish", "json", "markdown"]).default("stylish"))
      .option("-o, --output-file <file>", "write the portfolio to a file (atomically) instead of stdout")
      .option("--lang <code>", "language of the markdown format: en, bg, pl, ru, da, ar (default: the config's render.lang, else en)")
      .option("--today <date>", "judge staleness against this day, YYYY-MM-DD (default: today, UTC), for reproducible output")
      .option("--no-color", "print without colours (also NO_COLOR=1)")
      .addHelpText(
        "after",
        `
Examples:
  journey portfolio
  journey portfolio docs/journeys --format json -o portfolio.json
  journey portfolio --format markdown --lang da > portfolio.md
  journey portfolio --today 2026-12-01      the same stale flags on every day

Exit codes: 0 done, 1 a journey has structural errors (named on stderr, left out), 2 usage or config error.`,
      )
      .action(async (paths: string[], options: PortfolioCommandOptions) => {
        const { runPortfolio } = await import("./commands/portfolio.js");
        setExit(await runPortfolio(paths, options));
      });
  });

  command("preview", () => {
    program
      .command("preview")
      .description("serve the journey maps on a local address and redraw them on every save")
      .argument("[paths...]", "files, folders or globs (default: the config's include, else the current folder)")
      .option("-c, --config <file>", "config file (default: the nearest journey.config.yaml)")
      .option("--host <address>", "address to listen on (anything but loopback is reachable from other machines)", "127.0.0.1")
      .option("--port <n>", "port to listen on; 0 picks a free one", "0")
      .option("--allowed-host <name>", "also answer requests addressed to this host name (repeatable)", (value: string, previous: string[] = []) => [
        ...previous,
        value,
      ])
      .option("--lang <code>", "language of headings and labels: en, bg, pl, ru, da, ar (default: each journey's lang, else the config's render.lang, else en)")
      .option("--open", "open the preview in the default browser")
      .addHelpText(
        "after",
        `
Examples:
  journey preview                              every journey of the project, on http://127.0.0.1:<free port>/
  journey preview docs/journeys --port 4000 --open
  journey preview --host 0.0.0.0 --allowed-host my-laptop.local   reachable from the local network`,
      )
      .action(async (paths: string[], options: PreviewCommandOptions) => {
        // The server, the watcher and the map renderer load only for this command.
        const { runPreview } = await import("./commands/preview.js");
        setExit(await runPreview(paths, options));
      });
  });

  command("rules", () => {
    program
      .command("rules")
      .description("list the lint rules with their default severity, options and description")
      .addOption(new Option("-f, --format <name>", "output format").choices(["stylish", "json", "markdown"]).default("stylish"))
      .option("-o, --output-file <file>", "write the list to a file (atomically) instead of stdout")
      .option("--no-color", "print without colours (also NO_COLOR=1)")
      .addHelpText("after", "\nExamples:\n  journey rules\n  journey rules --format json")
      .action(async (options: RulesCommandOptions) => {
        const { runRules } = await import("./commands/rules.js");
        setExit(await runRules(options));
      });
  });

  command("lsp", () => {
    program
      .command("lsp")
      .description("the language server for editors: diagnostics as you type, completion, go to definition, rename, quick fixes (docs/editors.md)")
      .option("--stdio", "talk to the editor over standard input and output (the default)")
      .option("--node-ipc", "talk over Node's IPC channel (when the editor forks journey)")
      .option("--socket <port>", "connect to the editor listening on 127.0.0.1:<port>")
      .option("--clientProcessId <pid>", "the editor's process id: the server exits when that process does (editors add it)")
      .addHelpText("after", "\nExamples:\n  journey lsp --stdio                   what an editor runs (docs/editors.md)\n  journey lsp --socket=2087")
      .action(async (options: LspCommandOptions) => {
        // vscode-languageserver loads only for this command, from its own bundle.
        const { runLsp } = await import("./commands/lsp.js");
        setExit(runLsp(options));
      });
  });

  command("init", () => {
    program
      .command("init")
      .description("write journey.config.yaml and a commented example journey into the current folder")
      .addHelpText("after", "\nExample:\n  mkdir journeys && cd journeys && journey init")
      .action(async () => {
        const { runInit } = await import("./commands/init.js");
        setExit(runInit(process.cwd()));
      });
  });

  command("schema", () => {
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
  });

  if (!chosen) for (const define of pending) define();
  return program;
}

/** Runs the CLI and returns the exit code; never throws for user errors. */
export async function main(argv: string[]): Promise<number> {
  // A config journey does not read is said once, never silently skipped.
  onIgnoredConfig((path, reason) => process.stderr.write(`journey: ${toPosix(relative(process.cwd(), path)) || path} ${reason}\n`));
  let exitCode: number = EXIT.ok;
  const program = buildProgram((code) => (exitCode = code), argv);
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof MissingPackageError || error instanceof GlobPatternError) {
      process.stderr.write(`journey: ${visibleText(error.message)}\n`);
      return EXIT.usage;
    }
    const system = describeSystemError(error);
    if (system !== undefined) {
      process.stderr.write(`journey: ${visibleText(system)}\n`);
      return EXIT.usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(
      `journey: internal error; please report it.\n${process.env.JOURNEY_DEBUG ? detail : visibleText(String((error as Error)?.message ?? error))}\n`,
    );
    return EXIT.usage;
  }
}
