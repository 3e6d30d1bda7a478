import type { ChannelSpec, PersonaSpec, RuleSetting, TeamSpec } from "../model/types.js";

export type Preset = "recommended" | "strict" | "none";

/** journey.config.yaml as written. */
export interface ConfigFile {
  extends?: Preset;
  include?: string[];
  ignore?: string[];
  rules?: Record<string, RuleSetting>;
  channels?: Record<string, ChannelSpec>;
  personas?: Record<string, PersonaSpec>;
  teams?: Record<string, TeamSpec>;
  render?: { out?: string; lang?: string; image?: string; map?: boolean };
  limits?: { max_file_size?: number; max_aliases?: number };
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
  render: { out?: string; lang?: string; image?: string; map?: boolean };
  limits: { maxFileSize: number; maxAliases: number };
}
