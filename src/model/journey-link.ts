/**
 * A link to a step of another journey: a `next` entry or a branch's `to` written
 * `<journey-id>#<step-id>` (`next: [refund#requests-refund]`). Only those two places take one;
 * `answers`, `entry` and `goal.steps` stay within the journey. Both halves are ids of the format
 * (`$defs/id` in the schema); the schema's `journeyLink` definition has the same pattern.
 */
export interface JourneyLink {
  journey: string;
  step: string;
}

const ID = "[\\p{Ll}\\p{Lo}\\p{Lm}\\p{Mn}\\p{Mc}\\p{Nd}]+(?:-[\\p{Ll}\\p{Lo}\\p{Lm}\\p{Mn}\\p{Mc}\\p{Nd}]+)*";
// Built on the first target with a `#`: V8 takes milliseconds to build and compile the Unicode
// property classes, a large share of a one-file lint (bench/profiles.md), and a plain step id,
// almost every target, never needs them.
let link: RegExp | undefined;

/** The journey and step a flow target names, or undefined when it is a plain step id of this journey. */
export function parseJourneyLink(target: string): JourneyLink | undefined {
  if (!target.includes("#")) return undefined;
  const match = (link ??= new RegExp(`^(${ID})#(${ID})$`, "u")).exec(target);
  return match ? { journey: match[1], step: match[2] } : undefined;
}

/** The text of a link as the file writes it. */
export function formatJourneyLink(link: JourneyLink): string {
  return `${link.journey}#${link.step}`;
}
