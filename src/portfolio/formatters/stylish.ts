import { visibleName, visibleText } from "../../escape/terminal.js";
import { en } from "../../i18n/en.js";
import { groupBacklog } from "../backlog.js";
import { PortfolioNames } from "../names.js";
import type { Portfolio } from "../types.js";

/** The few styles the terminal report uses; the command passes its chalk instance (or plain text). */
export interface TerminalStyle {
  bold(text: string): string;
  dim(text: string): string;
  yellow(text: string): string;
}

export const PLAIN: TerminalStyle = { bold: (text) => text, dim: (text) => text, yellow: (text) => text };

/** Places listed under a backlog entry before "and N more". */
const PLACES_SHOWN = 5;

/**
 * The terminal report of `journey portfolio`, in English like every terminal output: coverage
 * (per persona, each stage with its journeys or "not mapped"), freshness with the stale flag,
 * channels, handoffs, the backlog grouped by text, and the links.
 */
export function formatStylish(portfolio: Portfolio, style: TerminalStyle = PLAIN): string {
  const names = new PortfolioNames(portfolio, en);
  const p = en.portfolio;
  const out: string[] = [];
  const heading = (text: string) => out.push(style.bold(text));
  const id = (text: string) => visibleText(text);

  heading(`${p.coverage} (${portfolio.journeys.length} journey${portfolio.journeys.length === 1 ? "" : "s"})`);
  for (const persona of portfolio.personas) {
    out.push(`  ${visibleName(names.persona(persona))}${persona.id ? style.dim(` (${id(persona.id)})`) : ""}`);
    for (const stage of portfolio.stages) {
      const journeys = persona.stages[stage.id];
      out.push(`    ${visibleName(names.stage(stage))}: ${journeys.length > 0 ? journeys.map(id).join(", ") : style.yellow(p.notCovered)}`);
    }
  }
  out.push("");

  heading(p.freshness);
  const stale = portfolio.freshness.filter((entry) => entry.stale);
  for (const entry of portfolio.freshness)
    out.push(
      `  ${id(entry.journey)}  ${p.reviewed}: ${entry.reviewed ?? "-"}  ${p.measuredTo}: ${entry.measuredTo?.slice(0, 10) ?? "-"}${entry.stale ? `  ${style.yellow(p.stale)}` : ""}`,
    );
  if (portfolio.today)
    out.push(
      style.dim(
        `  ${stale.length} of ${portfolio.freshness.length} ${p.stale}. ${p.staleCaption.replace("{days}", String(portfolio.staleAfter)).replace("{today}", portfolio.today)}`,
      ),
    );
  out.push("");

  heading(p.channelInventory);
  for (const channel of portfolio.channels) {
    const journeys = new Set(channel.uses.map((use) => use.journey)).size;
    out.push(
      `  ${id(channel.id)}  ${visibleName(names.channel(channel.id))}, ${channel.mode}${channel.selfService ? ", self-service" : ""}: ${channel.uses.length} step${channel.uses.length === 1 ? "" : "s"} in ${journeys} journey${journeys === 1 ? "" : "s"}`,
    );
  }
  if (portfolio.unusedChannels.length > 0) out.push(style.yellow(`  ${p.unusedChannels}: ${portfolio.unusedChannels.map(id).join(", ")}`));
  out.push("");

  heading(p.handoffs);
  if (portfolio.handoffs.length === 0) out.push(`  ${p.noHandoffs}`);
  for (const handoff of portfolio.handoffs) out.push(`  ${id(handoff.from)} → ${handoff.to === null ? p.noTeam : id(handoff.to)}: ${handoff.count}`);
  out.push("");

  heading(p.backlog);
  const groups = groupBacklog(portfolio.backlog);
  if (groups.length === 0) out.push(`  ${en.noPainPoints}`);
  for (const group of groups) {
    const figures = [group.lost === null ? "lost: not measured" : `lost: ${group.lost}`, ...(group.emotion === null ? [] : [`emotion ${group.emotion}`])];
    out.push(`  ${group.kind === "pain" ? "pain" : "opportunity"}  ${visibleName(group.text)}  ${style.dim(figures.join(", "))}`);
    const places = group.places.map((place) => `${id(place.journey)}#${id(place.step)}`);
    out.push(style.dim(`    ${places.slice(0, PLACES_SHOWN).join(", ")}${places.length > PLACES_SHOWN ? ` and ${places.length - PLACES_SHOWN} more` : ""}`));
  }
  out.push("");

  heading(p.links);
  if (portfolio.links.length === 0) out.push(`  ${p.noLinks}`);
  for (const link of portfolio.links) out.push(`  ${id(link.from.journey)}#${id(link.from.step)} → ${id(link.to.journey)}#${id(link.to.step)}`);
  if (portfolio.unlinked.length > 0) out.push(style.dim(`  ${p.unlinked}: ${portfolio.unlinked.map(id).join(", ")}`));
  return out.join("\n") + "\n";
}
