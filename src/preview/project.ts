import { existsSync } from "node:fs";
import { relative } from "node:path";
import { checkJourneyFile, type CheckedFile } from "../check.js";
import { groupByConfig } from "../config/resolve.js";
import type { ProjectConfig } from "../config/types.js";
import { visibleBidi } from "../escape/html.js";
import { toPosix } from "../util/paths.js";
import { STRUCTURAL_RULES } from "../finding.js";
import { lintFile } from "../lint/lint-file.js";
import { LANGUAGES } from "../i18n/index.js";
import type { Labels } from "../i18n/types.js";
import { buildMap } from "../render/map/map-html.js";
import { renderJourneyDiagram } from "../render/mermaid-journey.js";
import { chooseFlowDiagram } from "../render/mermaid-overview.js";
import { Names } from "../i18n/names.js";
import { isRenderable, labelsFor } from "../render/plan.js";
import type { FileReport } from "../results.js";
import type { Journey } from "../model/types.js";
import { linkedJourneys, type LinkedJourneys } from "../render/journey-links.js";
import { resolveConfig, selectFiles } from "../cli/project.js";

/** What the preview page shows for one journey file; sent to the page as JSON. */
export interface JourneyView {
  /** The file, relative to the working directory: the view's stable key, also while the file is broken. */
  key: string;
  title: string;
  lang: string;
  dir: "ltr" | "rtl";
  /** The map's body: the latest one that could be drawn, kept while the file is broken. */
  body?: string;
  /** `note`: what the reader should know about the diagram (the flow drawn by stage), as in the report. */
  diagrams: { caption: string; definition: string; note?: string }[];
  /** Structural errors (syntax, schema, references) of the file as it is now, with positions. */
  errors: { line: number; column: number; ruleId: string; message: string }[];
}

export interface PreviewSource {
  cwd: string;
  paths: string[];
  config?: string;
  /** `--lang`: wins over each journey's `lang:` and the config's `render.lang`, as in `journey render`. */
  lang?: string;
  /** Where a rule's documentation is, for the links of findings (from the run's rule metadata). */
  ruleDocsUrl: (ruleId: string) => string;
}

/**
 * The project as the preview sees it: the journey files selected as `journey lint` selects them,
 * each checked, linted and turned into a map view. `refresh(changed)` re-checks only the files
 * that changed, unless a config changed or files came or went, which reloads everything.
 */
export class PreviewProject {
  private readonly views = new Map<string, JourneyView>();
  private configs = new Map<string, ProjectConfig>();
  /** The files that could be drawn, by absolute path: what their maps are built from. */
  private readonly drawable = new Map<string, { result: CheckedFile; journey: Journey }>();
  /** Every drawable journey by id, for links between them; built again after any change. */
  private linked: LinkedJourneys | undefined;
  /** Files a change to which means: read everything again. */
  configFiles = new Set<string>();
  /** The config's problems, when it has any (no journey can be checked then). */
  configProblems: FileReport | undefined;

  constructor(private readonly source: PreviewSource) {}

  /** The journey files now selected, absolute. */
  files(): string[] {
    return [...this.configs.keys()];
  }

  list(): JourneyView[] {
    return [...this.views.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Reads the config and every journey again. Returns the keys of the views that changed. */
  reload(): string[] {
    const { cwd, paths } = this.source;
    const resolution = resolveConfig(cwd, this.source.config);
    this.configProblems = resolution.problems;
    this.configFiles = new Set(resolution.problems ? [resolution.problems.filePath] : resolution.config.path ? [resolution.config.path] : []);
    const previous = new Map(this.views);
    this.views.clear();
    this.configs.clear();
    this.drawable.clear();
    this.linked = undefined;
    if (!resolution.config) {
      this.problemView(resolution.problems);
      return [...new Set([...previous.keys(), ...this.views.keys()])];
    }
    const { files } = selectFiles(paths, resolution.config, cwd);
    const grouping = groupByConfig(files, cwd, this.source.config !== undefined ? resolution.config : undefined);
    if (grouping.problems) {
      this.configProblems = grouping.problems[0];
      for (const problem of grouping.problems) {
        this.configFiles.add(problem.filePath);
        this.problemView(problem);
      }
      return [...new Set([...previous.keys(), ...this.views.keys()])];
    }
    for (const { config, files: group } of grouping.groups) {
      if (config.path) this.configFiles.add(config.path);
      for (const file of group) this.configs.set(file, config);
    }
    for (const file of this.configs.keys()) this.check(file, previous.get(this.keyOf(file)));
    for (const file of this.drawable.keys()) this.draw(file);
    return [...new Set([...previous.keys(), ...this.views.keys()])];
  }

  /** Re-checks the given files (absolute paths); a config among them, or a new or deleted journey, reloads everything. */
  refresh(changed: readonly string[]): string[] {
    if (this.configProblems || changed.some((file) => this.configFiles.has(file) || !this.configs.has(file) || !existsSync(file))) return this.reload();
    // A journey's maps show the titles of the journeys it links to and of those linking to it:
    // those are drawn again too, before and after the change.
    const ids = new Set<string>();
    const linkedWith = () => {
      for (const file of changed) {
        const journey = this.drawable.get(file)?.journey;
        if (!journey) continue;
        ids.add(journey.id);
        for (const step of journey.steps) for (const link of step.links) ids.add(link.journey);
      }
    };
    linkedWith();
    for (const file of changed) this.check(file, this.views.get(this.keyOf(file)));
    linkedWith();
    const redraw = new Set(changed.filter((file) => this.drawable.has(file)));
    for (const [file, { journey }] of this.drawable)
      if (ids.has(journey.id) || journey.steps.some((step) => step.links.some((link) => ids.has(link.journey)))) redraw.add(file);
    for (const file of redraw) this.draw(file);
    return [...new Set([...changed, ...redraw].map((file) => this.keyOf(file)))];
  }

  view(key: string): JourneyView | undefined {
    return this.views.get(key);
  }

  /** A config with errors: shown as a view of its own, since no journey can be checked without it. */
  private problemView(problems: FileReport): void {
    const key = this.keyOf(problems.filePath);
    const labels = LANGUAGES.en;
    this.views.set(key, {
      key,
      title: visibleBidi(key),
      lang: labels.lang,
      dir: labels.dir,
      diagrams: [],
      errors: problems.findings.map(({ line, column, ruleId, message }) => ({ line, column, ruleId, message: visibleBidi(message) })),
    });
  }

  private keyOf(file: string): string {
    return toPosix(relative(this.source.cwd, file));
  }

  private check(file: string, previous: JourneyView | undefined): void {
    const config = this.configs.get(file)!;
    const result = lintFile(checkJourneyFile(file, config), config);
    const key = this.keyOf(file);
    const structural = result.findings.filter((f) => f.ruleId === "internal" || (STRUCTURAL_RULES as readonly string[]).includes(f.ruleId));
    // The page shows titles and errors as text nodes, not through markup: the same bidi rule here.
    const errors = structural.map(({ line, column, ruleId, message }) => ({ line, column, ruleId, message: visibleBidi(message) }));
    this.linked = undefined;
    if (!isRenderable(result)) {
      this.drawable.delete(file);
      const fallback = LANGUAGES[this.source.lang ?? config.render.lang ?? "en"] ?? LANGUAGES.en;
      this.views.set(key, {
        key,
        title: previous?.title ?? visibleBidi(key),
        lang: previous?.lang ?? fallback.lang,
        dir: previous?.dir ?? fallback.dir,
        body: previous?.body,
        diagrams: previous?.diagrams ?? [],
        errors,
      });
      return;
    }
    this.drawable.set(file, { result, journey: result.model.journey });
    // The map is drawn once every file is checked (`draw`): it names the journeys it links with.
    this.views.set(key, {
      key,
      title: previous?.title ?? visibleBidi(key),
      lang: previous?.lang ?? "en",
      dir: previous?.dir ?? "ltr",
      body: previous?.body,
      diagrams: previous?.diagrams ?? [],
      errors,
    });
  }

  /** Every drawable journey by id, each linking its view in this page (`#<file>`). */
  private linkedJourneys(): LinkedJourneys {
    if (this.linked) return this.linked;
    const pages = new Map<Journey, string>();
    for (const [file, { journey }] of this.drawable) pages.set(journey, `#${encodeURIComponent(this.keyOf(file))}`);
    return (this.linked = linkedJourneys(pages.keys(), (journey) => pages.get(journey)!));
  }

  /** Builds the view of a drawable file: its map and diagrams. */
  private draw(file: string): void {
    const { result } = this.drawable.get(file)!;
    if (!isRenderable(result)) return;
    const config = this.configs.get(file)!;
    const key = this.keyOf(file);
    const errors = this.views.get(key)?.errors ?? [];
    const journeys = this.linkedJourneys();
    const { journey, graph } = result.model;
    const labels: Labels = labelsFor(journey, {
      labels: LANGUAGES[this.source.lang ?? config.render.lang ?? "en"] ?? LANGUAGES.en,
      forceLabels: this.source.lang !== undefined,
    });
    const names = new Names(journey, config, labels);
    const map = buildMap({ journey, graph, findings: result.findings, ruleDocsUrl: this.source.ruleDocsUrl, names, journeys });
    const flow = chooseFlowDiagram(journey, graph, [...result.findings, ...(result.suppressed ?? [])], names, journeys);
    this.views.set(key, {
      key,
      title: visibleBidi(journey.title),
      lang: map.lang,
      dir: map.dir,
      body: map.body.value,
      diagrams: [
        { caption: labels.journeyDiagram, definition: renderJourneyDiagram(journey, names) },
        { caption: labels.flowDiagram, definition: flow.definition, ...(flow.note ? { note: flow.note } : {}) },
      ],
      errors,
    });
  }
}
