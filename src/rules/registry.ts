import { backAndForth } from "./back-and-forth.js";
import { channelMissing } from "./channel-missing.js";
import { channelUnknown } from "./channel-unknown.js";
import { channelUnused } from "./channel-unused.js";
import { deadEnd } from "./dead-end.js";
import { decisionSingleBranch } from "./decision-single-branch.js";
import { dropOffHigh } from "./drop-off-high.js";
import { emotionUnaddressed } from "./emotion-unaddressed.js";
import { feedbackMissing } from "./feedback-missing.js";
import { goalUnreachable } from "./goal-unreachable.js";
import { handoffOwnerMissing } from "./handoff-owner-missing.js";
import { pathTooLong } from "./path-too-long.js";
import { personaMissing } from "./persona-missing.js";
import { selfServiceMissing } from "./self-service-missing.js";
import { singleSupportChannel } from "./single-support-channel.js";
import { stageEmpty } from "./stage-empty.js";
import { syncChannelOverlap } from "./sync-channel-overlap.js";
import { tooManyHandoffs } from "./too-many-handoffs.js";
import { touchpointUnanswered } from "./touchpoint-unanswered.js";
import type { Rule } from "./types.js";
import { unreachableStep } from "./unreachable-step.js";

/** Every lint rule, in the order of the spec's table. */
export const RULES: readonly Rule[] = [
  channelMissing,
  channelUnknown,
  touchpointUnanswered,
  goalUnreachable,
  deadEnd,
  pathTooLong,
  backAndForth,
  unreachableStep,
  decisionSingleBranch,
  emotionUnaddressed,
  handoffOwnerMissing,
  tooManyHandoffs,
  singleSupportChannel,
  syncChannelOverlap,
  selfServiceMissing,
  dropOffHigh,
  feedbackMissing,
  personaMissing,
  stageEmpty,
  channelUnused,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));
