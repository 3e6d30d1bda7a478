import { markup, type Html } from "../../escape/html.js";
import { findingCounts, formatNumber, formatPercent, formatSigned, plural } from "../../i18n/format.js";
import type { Labels } from "../../i18n/types.js";
import { groupBacklog } from "../../portfolio/backlog.js";
import { CELL_ITEMS } from "../../portfolio/formatters/markdown.js";
import { PortfolioNames } from "../../portfolio/names.js";
import type { Portfolio } from "../../portfolio/types.js";

/** Backlog rows the index shows at a time: the rest are hidden until the pager turns to them. */
export const BACKLOG_PAGE = 25;

/**
 * The portfolio sections of `index.html`: the coverage matrix (each journey linked to its map,
 * marked by its health and, where measured, its conversion), the channel inventory, the handoff
 * matrix, the backlog (sortable by the index's script) and the links between journeys as a list.
 * A 2,000-journey project stays one usable page: every list in a cell shows its first
 * `CELL_ITEMS` entries and folds the rest into a `<details>`, so a cell is a few lines until
 * opened, and the backlog (tens of thousands of rows) shows `BACKLOG_PAGE` rows at a time.
 */
export function portfolioSections(portfolio: Portfolio, t: Labels, mapOf: (journeyId: string) => string | undefined): Html {
  const p = t.portfolio;
  const names = new PortfolioNames(portfolio, t);
  const byId = new Map(portfolio.journeys.map((journey) => [journey.summary.id, journey]));

  const journeyLink = (id: string): Html => {
    const journey = byId.get(id);
    const href = mapOf(id);
    if (!journey || href === undefined) return markup`<span dir="auto">${names.journey(id)}</span>`;
    const health = journey.health;
    const level = !health ? "ok" : health.errors > 0 ? "error" : health.warnings > 0 ? "warning" : health.infos > 0 ? "info" : "ok";
    const healthText = health ? findingCounts(t, { errorCount: health.errors, warningCount: health.warnings, infoCount: health.infos }) : t.healthy;
    const conversion = journey.summary.conversion;
    return markup`<a class="jlink h-${level}" href="${href}"><span dir="auto">${journey.summary.title}</span><span class="visually-hidden"> (${healthText})</span></a>${
      conversion === null
        ? ""
        : markup` <span class="conv conv-${Math.min(4, Math.floor(conversion * 5))}" title="${p.conversion}">${formatPercent(t, conversion)}</span>`
    }`;
  };
  // Elsewhere than the coverage a journey is a plain link to its map: a 2,000-journey backlog has tens of thousands of them.
  const plainLink = (id: string): Html => {
    const href = mapOf(id);
    return href === undefined
      ? markup`<span dir="auto">${names.journey(id)}</span>`
      : markup`<a href="${href}"><span dir="auto">${names.journey(id)}</span></a>`;
  };
  const list = (items: readonly Html[]): Html => {
    if (items.length === 0) return markup`<span class="empty">&mdash;</span>`;
    const shown = markup`<ul class="cell">${items.slice(0, CELL_ITEMS).map((item) => markup`<li>${item}</li>`)}</ul>`;
    if (items.length <= CELL_ITEMS) return shown;
    return markup`${shown}<details><summary>${plural(t, p.showMore, items.length - CELL_ITEMS)}</summary><ul class="cell">${items
      .slice(CELL_ITEMS)
      .map((item) => markup`<li>${item}</li>`)}</ul></details>`;
  };

  const coverage = markup`<section class="portfolio" id="coverage"><h2>${p.coverage}</h2><p class="caption">${p.coverageCaption}</p>
<div class="scroll"><table class="grid coverage"><thead><tr><th scope="col">${t.persona}</th>${portfolio.stages.map(
    (stage) => markup`<th scope="col" dir="auto">${names.stage(stage)}</th>`,
  )}</tr></thead><tbody>${portfolio.personas.map(
    (persona) =>
      markup`<tr><th scope="row" dir="auto">${names.persona(persona)}</th>${portfolio.stages.map((stage) => {
        const journeys = persona.stages[stage.id];
        return markup`<td>${journeys.length > 0 ? list(journeys.map(journeyLink)) : markup`<span class="empty">${p.notCovered}</span>`}</td>`;
      })}</tr>`,
  )}</tbody></table></div></section>`;

  const channels = markup`<section class="portfolio" id="channels"><h2>${p.channelInventory}</h2><p class="caption">${p.channelCaption}</p>
<div class="scroll"><table class="grid channels"><thead><tr><th scope="col">${t.channel}</th><th scope="col">${p.mode}</th><th scope="col">${t.map.modes.selfService}</th><th scope="col" class="num">${p.uses}</th><th scope="col">${t.journey}</th></tr></thead><tbody>${portfolio.channels.map(
    (channel) =>
      markup`<tr><th scope="row"><span dir="auto">${names.channel(channel.id)}</span> <code>${channel.id}</code></th><td>${t.map.modes[channel.mode]}</td><td>${channel.selfService ? "✓" : ""}</td><td class="num">${formatNumber(t, channel.uses.length)}</td><td>${list([...new Set(channel.uses.map((use) => use.journey))].map(plainLink))}</td></tr>`,
  )}</tbody></table></div>${
    portfolio.unusedChannels.length > 0
      ? markup`<p>${p.unusedChannels}: ${portfolio.unusedChannels.map((id, i) => markup`${i > 0 ? ", " : ""}<span dir="auto">${names.channel(id)}</span>`)}</p>`
      : ""
  }</section>`;

  const froms = [...new Set(portfolio.handoffs.map((h) => h.from))];
  const tos = [...new Set(portfolio.handoffs.map((h) => h.to))];
  const counts = new Map(portfolio.handoffs.map((h) => [JSON.stringify([h.from, h.to]), h.count]));
  const handoffs = markup`<section class="portfolio" id="handoffs"><h2>${p.handoffs}</h2>${
    portfolio.handoffs.length === 0
      ? markup`<p>${p.noHandoffs}</p>`
      : markup`<p class="caption">${p.handoffsCaption}</p><div class="scroll"><table class="grid handoffs"><thead><tr><td></td>${tos.map(
          (to) => markup`<th scope="col" dir="auto">${names.team(to)}</th>`,
        )}</tr></thead><tbody>${froms.map(
          (from) =>
            markup`<tr><th scope="row" dir="auto">${names.team(from)}</th>${tos.map((to) => {
              const count = counts.get(JSON.stringify([from, to])) ?? 0;
              return markup`<td class="num">${count > 0 ? formatNumber(t, count) : markup`<span class="empty">0</span>`}</td>`;
            })}</tr>`,
        )}</tbody></table></div>`
  }</section>`;

  const groups = groupBacklog(portfolio.backlog);
  const sortable = (label: string, kind: "number" | "text", extra = "") =>
    markup`<th scope="col" data-sort="${kind}"${extra ? markup` class="${extra}"` : ""}><button type="button" aria-label="${p.sortBy.replace("{column}", () => label)}">${label}</button></th>`;
  const backlog = markup`<section class="portfolio" id="backlog"><h2>${p.backlog}</h2>${
    groups.length === 0
      ? markup`<p>${t.noPainPoints}</p>`
      : markup`<p class="caption">${p.backlogCaption}</p><div class="scroll"><table class="grid backlog" id="backlog-table" data-sortable><thead><tr>${sortable(p.kind, "text")}${sortable(p.text, "text")}${sortable(t.measured.lostAfter, "number", "num")}${sortable(t.emotion, "number", "num")}${sortable(p.places, "number")}</tr></thead><tbody>${groups.map(
          (group, i) =>
            markup`<tr${i >= BACKLOG_PAGE ? " hidden" : ""}><td>${group.kind === "pain" ? t.painPoint : t.opportunity}</td><td dir="auto">${group.text}</td><td class="num" data-value="${group.lost ?? ""}">${group.lost === null ? t.figures.notMeasured : formatNumber(t, group.lost)}</td><td class="num" data-value="${group.emotion ?? ""}">${group.emotion === null ? "" : formatSigned(t, group.emotion)}</td><td data-value="${group.places.length}">${list(
              group.places.map((place) => markup`${plainLink(place.journey)} <code>${place.step}</code>`),
            )}</td></tr>`,
        )}</tbody></table></div>${
          groups.length > BACKLOG_PAGE
            ? markup`<div class="pager" data-pager="backlog-table" data-size="${BACKLOG_PAGE}" hidden><button type="button">${p.previousPage}</button> <span aria-live="polite" data-template="${p.page}"></span> <button type="button">${p.nextPage}</button></div><noscript><style>table.backlog tr[hidden]{display:table-row}</style></noscript>`
            : ""
        }`
  }</section>`;

  const outgoing = new Map<string, Portfolio["links"]>();
  for (const link of portfolio.links) outgoing.set(link.from.journey, [...(outgoing.get(link.from.journey) ?? []), link]);
  const links = markup`<section class="portfolio" id="links"><h2>${p.links}</h2>${
    portfolio.links.length === 0
      ? markup`<p>${p.noLinks}</p>`
      : markup`<p class="caption">${p.linksCaption}</p><ul class="links">${[...outgoing].map(
          ([from, fromLinks]) =>
            markup`<li>${journeyLink(from)}<ul>${fromLinks.map(
              (link) =>
                markup`<li><code>${link.from.step}</code> &rarr; ${mapOf(link.to.journey) !== undefined ? markup`<a href="${mapOf(link.to.journey)}#${encodeURIComponent(link.to.step)}"><span dir="auto">${t.continuesIn.replace("{journey}", () => names.journey(link.to.journey))}</span></a>` : markup`<span dir="auto">${t.continuesIn.replace("{journey}", () => names.journey(link.to.journey))}</span>`} <code>${link.to.step}</code></li>`,
            )}</ul></li>`,
        )}</ul>`
  }${portfolio.unlinked.length > 0 ? markup`<h3>${p.unlinked}</h3>${list(portfolio.unlinked.map(journeyLink))}` : ""}</section>`;

  return markup`${coverage}${channels}${handoffs}${backlog}${links}`;
}
