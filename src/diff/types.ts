import type { Finding, Severity } from "../finding.js";
import type { Locator, YamlPath } from "../load/locator.js";
import type { FlowAnalysis } from "../model/analysis.js";
import type { FlowGraph } from "../model/flow-graph.js";
import type { Journey } from "../model/types.js";
import type { CheckedFile } from "../check.js";
import type { ChangeKindId } from "./kinds.js";
import type { FlowComparison } from "./moves.js";
import type { SideSource, Version } from "./sources.js";

/** A structurally valid version of a journey, with its flow analysis. */
export interface Model {
  filePath: string;
  journey: Journey;
  graph: FlowGraph;
  flow: FlowAnalysis;
  locator: Locator;
}

/** One version of a journey file after the structural checks and the lint rules. */
export interface CheckedSide {
  source: SideSource;
  result: CheckedFile;
  /** Absent when the file has structural errors: only its findings can be compared. */
  model?: Model;
}

export interface Change {
  kind: ChangeKindId;
  severity: Severity;
  /** Step and stage ids the change is about, when it is about one. */
  step?: string;
  stage?: string;
  /** Where to look: in the head file, or in the base file for what the head no longer has. */
  side: "base" | "head";
  file: string;
  line: number;
  column: number;
  before: unknown;
  after: unknown;
  message: string;
  /** The lint rule of `finding-new` and `finding-fixed`. */
  rule?: string;
  /** The finding of `finding-new` and `finding-fixed`, which the Markdown writes in its own language. */
  finding?: Finding;
}

export interface Figure {
  before: number | null;
  after: number | null;
}

export const FIGURE_NAMES = ["path_to_goal", "contacts", "handoffs", "channels", "emotion_low", "emotion_avg", "goal_reached"] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];
export type Impact = Record<FigureName, Figure>;

export interface JourneyDiff {
  id: string;
  /** The head file, or the base file of a removed journey. */
  file: string;
  /** The base file when the journey was renamed (moved to another file). */
  baseFile?: string;
  status: "added" | "removed" | "changed" | "unchanged";
  impact: Impact;
  changes: Change[];
  base?: CheckedSide;
  head?: CheckedSide;
  /** The moves and the flow compared, when both versions have a model (for the diagram; not in the JSON). */
  flow?: FlowComparison;
}

export interface DiffResult {
  base: Version;
  head: Version;
  journeys: JourneyDiff[];
}

/** Where a change is, before positions are looked up: in a file, at a path of its YAML. */
export interface Place {
  /** A model or a checked file: a file that did not parse has no locator, and the change is at its start. */
  model: { filePath: string; locator?: Locator };
  side: "base" | "head";
  path: YamlPath;
  step?: string;
  stage?: string;
}
