/** `journey analyze --format` choices (kept apart from the formatters so the CLI's option list loads none of them). */
export const ANALYZE_FORMAT_NAMES = ["stylish", "json", "markdown"] as const;
