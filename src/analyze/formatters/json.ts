import type { AnalyzeFormatter } from "./summary.js";

/** Exactly the spec's JSON shape (`AnalysisResult`), for scripts and `render --analysis`. */
export const formatJson: AnalyzeFormatter = (result) => `${JSON.stringify(result, null, 2)}\n`;
