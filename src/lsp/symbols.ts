import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import type { ProjectFile } from "../project/project.js";
import { documentOf, rangeOf } from "./workspace.js";

/** The outline: stages, then their steps, by name (the id when a step has no name yet). */
export function documentSymbols(file: ProjectFile): DocumentSymbol[] {
  const doc = documentOf(file);
  return file.index.stages.map((stage) => {
    const range = rangeOf(doc, stage.range);
    return {
      name: stage.name ?? stage.id ?? "stage",
      ...(stage.id ? { detail: stage.id } : {}),
      kind: SymbolKind.Namespace,
      range,
      selectionRange: range,
      children: stage.steps.map((step) => {
        const stepRange = rangeOf(doc, step.range);
        return {
          name: step.name ?? (step.id || "step"),
          detail: [step.id, step.type].filter(Boolean).join(" · "),
          kind: SymbolKind.Event,
          range: stepRange,
          selectionRange: step.idRange ? rangeOf(doc, step.idRange) : stepRange,
        };
      }),
    };
  });
}
