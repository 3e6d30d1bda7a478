import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import type { YamlPath } from "../load/locator.js";
import { keyText } from "../load/locator.js";
import { parseJourneyLink } from "../model/journey-link.js";
import { parseLoose } from "./cursor.js";

/** What an id names: a step of the journey, or an entry of a catalog. */
export type SymbolKind = "step" | "channel" | "persona" | "team";

/**
 * One place an id is written: its declaration (a step's `id`, a catalog's key) or a reference to
 * it (`next`, a branch's `to`, `goal.steps`, `entry`, `answers`; `channel`; `persona`;
 * `actor`/`owner`/`from`/`to`), with [start, end) offsets of the text to select or rename.
 */
export interface Occurrence {
  kind: SymbolKind;
  id: string;
  range: [number, number];
  path: YamlPath;
  declaration: boolean;
}

export interface StepEntry {
  id: string;
  name?: string;
  type?: string;
  /** The step's item: [start, end) of its mapping. */
  range: [number, number];
  /** Offset of the start of the line the step's item begins on (where a disable comment goes). */
  lineStart: number;
  idRange?: [number, number];
  path: YamlPath;
  /** The activity names written in `events:`, and where a new one goes. */
  events?: { values: string[]; node: Node };
  node: YAMLMap;
}

export interface StageEntry {
  id?: string;
  name?: string;
  range: [number, number];
  steps: StepEntry[];
}

export interface CatalogEntry {
  kind: Exclude<SymbolKind, "step">;
  id: string;
  keyRange: [number, number];
  /** The whole entry, key to the end of its value. */
  range: [number, number];
  name?: string;
  mode?: string;
  selfService?: boolean;
}

/**
 * A link to another journey's step (`refund#asks` in `next` or a branch's `to`), with the
 * [start, end) offsets of its two halves in the text (what a rename of that journey's id or that
 * step's id edits). Also a step occurrence, by its whole text, as go-to-definition reads it.
 */
export interface LinkOccurrence {
  journey: string;
  step: string;
  journeyRange: [number, number];
  stepRange: [number, number];
}

/** The index of one journey or config text: built from whatever the parser could read. */
export interface FileIndex {
  kind: "journey" | "config";
  journeyId?: string;
  /** Where the journey's `id` value is written. */
  journeyIdRange?: [number, number];
  /** Every link to another journey's step the journey writes. */
  links: LinkOccurrence[];
  doc: Document;
  occurrences: Occurrence[];
  stages: StageEntry[];
  steps: StepEntry[];
  catalog: CatalogEntry[];
}

const TEAM_KEYS = new Set(["actor", "owner", "from"]);

export function indexText(text: string, kind: "journey" | "config"): FileIndex {
  const doc = parseLoose(text);
  const index: FileIndex = { kind, doc, occurrences: [], stages: [], steps: [], catalog: [], links: [] };
  const root = doc.contents;
  if (!isMap(root)) return index;
  const add = (kind: SymbolKind, node: unknown, path: YamlPath, declaration = false) => {
    if (!isScalar(node) || !node.range) return;
    if (typeof node.value !== "string" && typeof node.value !== "number") return;
    index.occurrences.push({ kind, id: String(node.value), range: [node.range[0], node.range[1]], path, declaration });
  };
  /** The [start, end) of a scalar's value in the text: inside its quotes, when it has them and no escape. */
  const valueRange = (range: readonly number[], value: string): [number, number] => {
    const at = text.slice(range[0], range[1]).indexOf(value);
    return at < 0 ? [range[0], range[1]] : [range[0] + at, range[0] + at + value.length];
  };
  /** A `next` entry or branch `to`: a step of this journey, or a link to another journey's step. */
  const addTarget = (node: unknown, path: YamlPath) => {
    add("step", node, path);
    if (!isScalar(node) || !node.range || typeof node.value !== "string") return;
    const link = parseJourneyLink(node.value);
    if (!link) return;
    const at = text.slice(node.range[0], node.range[1]).indexOf(node.value);
    // An escaped quoted scalar does not hold its value as written: left out (no rename edits it).
    if (at < 0) return;
    const start = node.range[0] + at;
    index.links.push({
      ...link,
      journeyRange: [start, start + link.journey.length],
      stepRange: [start + link.journey.length + 1, start + node.value.length],
    });
  };
  const addEach = (kind: SymbolKind, node: unknown, path: YamlPath) => {
    if (isSeq(node)) node.items.forEach((item, i) => add(kind, item, [...path, i]));
    else add(kind, node, path);
  };
  const catalogs = kind === "config" ? (["channels", "personas", "teams"] as const) : (["channels"] as const);
  for (const pair of root.items) {
    const key = keyText(pair.key);
    const value = pair.value;
    if (kind === "journey" && key === "id" && isScalar(value)) {
      index.journeyId = String(value.value);
      if (value.range) index.journeyIdRange = valueRange(value.range, index.journeyId);
    }
    if (kind === "journey" && key === "owner") add("team", value, [key]);
    if (kind === "journey" && key === "persona") add("persona", value, [key]);
    if (kind === "journey" && key === "entry") addEach("step", value, [key]);
    if (kind === "journey" && key === "goal" && isMap(value)) {
      const steps = value.items.find((item) => keyText(item.key) === "steps");
      if (steps) addEach("step", steps.value, ["goal", "steps"]);
    }
    if ((catalogs as readonly string[]).includes(key) && isMap(value)) {
      const catalogKind = ({ channels: "channel", personas: "persona", teams: "team" } as const)[key as "channels"];
      for (const entry of value.items) indexCatalogEntry(index, catalogKind, entry, [key]);
    }
    if (kind === "journey" && key === "stages" && isSeq(value)) {
      value.items.forEach((stage, s) => {
        if (!isMap(stage) || !stage.range) return;
        const entry: StageEntry = {
          id: stringOf(stage.get("id", true)),
          name: stringOf(stage.get("name", true)),
          range: [stage.range[0], stage.range[1]],
          steps: [],
        };
        index.stages.push(entry);
        const steps = stage.get("steps", true);
        if (!isSeq(steps)) return;
        steps.items.forEach((step, i) => {
          if (!isMap(step) || !step.range) return;
          const path = ["stages", s, "steps", i];
          const stepEntry = indexStep(step, path, text);
          entry.steps.push(stepEntry);
          index.steps.push(stepEntry);
        });
      });
    }
  }
  return index;

  function indexStep(step: YAMLMap, path: YamlPath, source: string): StepEntry {
    const idNode = step.get("id", true);
    const type = stringOf(step.get("type", true));
    const lineStart = source.lastIndexOf("\n", step.range![0] - 1) + 1;
    const entry: StepEntry = {
      id: stringOf(idNode) ?? "",
      name: stringOf(step.get("name", true)),
      type,
      range: [step.range![0], step.range![1]],
      lineStart,
      path,
      node: step,
      ...(isScalar(idNode) && idNode.range ? { idRange: [idNode.range[0], idNode.range[1]] as [number, number] } : {}),
    };
    if (isScalar(idNode)) add("step", idNode, [...path, "id"], true);
    for (const pair of step.items) {
      const key = keyText(pair.key);
      const value = pair.value;
      const at = [...path, key];
      if (key === "channel") addEach("channel", value, at);
      else if (TEAM_KEYS.has(key)) add("team", value, at);
      // A handoff's `to` is a team; a `to` elsewhere is a step.
      else if (key === "to") {
        if (type === "handoff") add("team", value, at);
        else addTarget(value, at);
      } else if (key === "answers") add("step", value, at);
      else if (key === "next") {
        if (isSeq(value))
          value.items.forEach((item, i) => {
            if (isMap(item)) addTarget(item.get("to", true), [...at, i, "to"]);
            else addTarget(item, [...at, i]);
          });
        else addTarget(value, at);
      } else if (key === "events") {
        const values = isSeq(value) ? value.items.map((item) => (isScalar(item) ? String(item.value) : "")) : isScalar(value) ? [String(value.value)] : [];
        if (value) entry.events = { values, node: value as Node };
      }
    }
    return entry;
  }
}

function indexCatalogEntry(index: FileIndex, kind: CatalogEntry["kind"], pair: Pair, path: YamlPath): void {
  const key = pair.key;
  if (!isScalar(key) || !key.range) return;
  const id = String(key.value);
  const value = pair.value as Node | null;
  const end = value?.range ? value.range[1] : key.range[1];
  const entry: CatalogEntry = { kind, id, keyRange: [key.range[0], key.range[1]], range: [key.range[0], end] };
  if (isMap(value)) {
    const name: unknown = value.get("name", true);
    if (isScalar(name)) entry.name = String(name.value);
    else if (isMap(name)) entry.name = stringOf(name.get("en", true)) ?? stringOf(name.items[0]?.value);
    entry.mode = stringOf(value.get("mode", true));
    const selfService = value.get("self_service", true);
    if (isScalar(selfService)) entry.selfService = selfService.value === true;
  }
  index.catalog.push(entry);
  index.occurrences.push({ kind, id, range: entry.keyRange, path: [...path, id], declaration: true });
}

function stringOf(node: unknown): string | undefined {
  if (isScalar(node) && (typeof node.value === "string" || typeof node.value === "number" || typeof node.value === "boolean")) return String(node.value);
  return undefined;
}
