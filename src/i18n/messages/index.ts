import { ar } from "./ar.js";
import { bg } from "./bg.js";
import { da } from "./da.js";
import { pl } from "./pl.js";
import { ru } from "./ru.js";

/**
 * Rule messages by report language, then by `ruleId/messageId`. English is not here: a report in
 * English, and a finding without a translation (an internal or directive finding), shows the
 * finding's own `message`.
 */
export const MESSAGES: Readonly<Record<string, Readonly<Record<string, string>>>> = { ar, bg, da, pl, ru };
