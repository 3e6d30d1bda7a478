import { ar } from "./ar.js";
import { bg } from "./bg.js";
import { da } from "./da.js";
import { en } from "./en.js";
import { pl } from "./pl.js";
import { ru } from "./ru.js";
import type { Labels } from "./types.js";

/** Report languages, by the code given to `--lang`. */
export const LANGUAGES: Record<string, Labels> = { en, bg, pl, ru, da, ar };
