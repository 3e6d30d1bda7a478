import type { ChannelSpec, PersonaSpec, StageSpec, TeamSpec, Written } from "../model/types.js";

/** A rule's severity as written in a config, a journey's `rules` or `--rule`. */
export type SeverityName = "off" | "info" | "warning" | "error";
/** A rule's setting as written: a severity, or a severity with options. */
export type RuleSetting = SeverityName | [SeverityName] | [SeverityName, Record<string, unknown>];

export type Preset = "recommended" | "strict" | "none";

/** journey.config.yaml as written. */
export interface ConfigFile {
  extends?: Preset;
  include?: string[];
  ignore?: string[];
  rules?: Record<string, RuleSetting>;
  channels?: Record<string, Written<ChannelSpec>>;
  personas?: Record<string, Written<PersonaSpec>>;
  teams?: Record<string, Written<TeamSpec>>;
  /** The stage catalog: the order and names of the stages the portfolio's coverage shows. */
  stages?: Record<string, Written<StageSpec>>;
  portfolio?: { stale_after?: number };
  render?: RenderSettings & { analysis?: string[] };
  analyze?: { columns?: AnalyzeColumns; memory_limit?: string; max_case_events?: number; delimiter?: string; timestamp_format?: string };
  limits?: { max_file_size?: number; max_aliases?: number; max_nodes?: number };
  /** `journey diff`: change kind id (or `finding-new`) to a severity, as rules are set. */
  diff?: Record<string, SeverityName | [SeverityName]>;
}

/** `render:` settings that need no reading beyond their value. */
export interface RenderSettings {
  out?: string;
  lang?: string;
  image?: string;
  map?: boolean;
}

/** One entry of `render.analysis`, with where the config says it (for messages). */
export interface AnalysisSource {
  /** A file or a glob, as written, relative to the config's folder. */
  pattern: string;
  /** Line and column of the entry in the config file (1-based). */
  line: number;
  column: number;
}

/** The project config with defaults applied. */
export interface ProjectConfig {
  /** Absolute path of the config file, if there is one. */
  path?: string;
  /** Folder that relative paths in the config are resolved against. */
  dir: string;
  extends: Preset;
  include: string[];
  ignore: string[];
  rules: Record<string, RuleSetting>;
  channels: Record<string, ChannelSpec>;
  personas: Record<string, PersonaSpec>;
  teams: Record<string, TeamSpec>;
  /** The stage catalog in the order written (the portfolio's coverage order). */
  stages: Record<string, StageSpec>;
  /** `portfolio.stale_after`: days after which a review or a measurement is stale (default 180). */
  portfolio: { staleAfter: number };
  render: RenderSettings & {
    /** `render.analysis`: files or globs of `journey analyze --format json` outputs, relative to `dir`, where the config says so. */
    analysis: AnalysisSource[];
  };
  /** `memoryLimit`, `maxCaseEvents`, `delimiter` and `timestampFormat` as written (checked by `journey analyze`, which has their defaults). */
  analyze: { columns: AnalyzeColumns; memoryLimit?: string; maxCaseEvents?: number; delimiter?: string; timestampFormat?: string };
  limits: { maxFileSize: number; maxAliases: number; maxNodes: number };
  /** Severity overrides of `journey diff` change kinds, by kind id. */
  diff: Record<string, SeverityName>;
}

/** `analyze.columns`: names of the event log's columns, when they differ from the defaults. */
export interface AnalyzeColumns {
  case_id?: string;
  activity?: string;
  timestamp?: string;
}
