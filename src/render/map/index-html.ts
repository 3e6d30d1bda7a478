import { markup } from "../../escape/html.js";
import type { Journey } from "../../model/types.js";
import { countFindings, type FileReport } from "../../results.js";
import { formatList } from "../../i18n/format.js";
import type { Labels } from "../../i18n/types.js";
import { imageLinks } from "../image-links.js";
import type { ReportImages } from "../markdown-report.js";
import { catalogName } from "../../i18n/names.js";
import { imageAnchors, mapPage } from "./map-html.js";
import { formatPercent } from "../../i18n/format.js";
import type { Portfolio } from "../../portfolio/types.js";
import { INDEX_SCRIPT } from "./index-script.js";
import { INDEX_CSS } from "./style.js";
import { portfolioSections } from "./portfolio-html.js";

/**
 * `index.html`, the portfolio: every rendered journey with its persona, goal, size, health, the
 * day it was reviewed and the period it was last measured (never whether that is stale: the page
 * must not change with the calendar), linking to its map, and to its images when images are
 * rendered; then the portfolio's sections (`portfolio-html.ts`).
 */
export function mapIndexPage(
  rendered: readonly { result: FileReport; journey: Journey; stem: string; images: ReportImages }[],
  labels: Labels,
  note: string,
  portfolio: Portfolio,
): string {
  const stems = new Map(rendered.map(({ journey, stem }) => [journey.id, stem]));
  const mapOf = (id: string) => {
    const stem = stems.get(id);
    return stem === undefined ? undefined : `${encodeURIComponent(stem)}.html`;
  };
  const p = labels.portfolio;
  const t = labels;
  const sorted = [...rendered].sort((a, b) => (a.journey.id < b.journey.id ? -1 : 1));
  const withImages = sorted.some(({ images }) => imageLinks(t, images).length > 0);
  const rows = sorted.map(({ result, journey, stem, images }) => {
    const links = imageLinks(t, images);
    const counts = countFindings(result.findings);
    // Text badges, not emoji: a browser without an emoji font would show empty boxes.
    const health =
      result.findings.length === 0
        ? markup`<span class="badge end-success">${t.healthy}</span>`
        : (
            [
              [counts.errorCount, "end-abandoned", t.errors],
              [counts.warningCount, "warning", t.warnings],
              [counts.infoCount, "info", t.infos],
            ] as const
          )
            .filter(([count]) => count > 0)
            .map(([count, kind, label]) => markup`<span class="badge ${kind}">${label}: ${count}</span> `);
    return markup`<tr><td><a href="${encodeURIComponent(stem)}.html" dir="auto">${journey.title}</a></td><td dir="auto">${journey.persona ? catalogName(journey.persona, t.lang) : "—"}</td><td dir="auto">${journey.goal.description ?? formatList(t, journey.goal.steps)}</td><td>${journey.steps.length}</td><td>${health}</td><td>${journey.reviewed ?? p.never}</td><td>${journey.measured?.to.slice(0, 10) ?? p.never}</td><td>${journey.measured ? formatPercent(t, journey.measured.conversion) : "—"}</td>${withImages ? markup`<td>${links.length > 0 ? imageAnchors(links, "<br>") : "—"}</td>` : ""}</tr>`;
  });
  const body = markup`<header class="page-head"><h1>${t.indexTitle}</h1></header>
<main><table class="journeys"><thead><tr><th scope="col">${t.journey}</th><th scope="col">${t.persona}</th><th scope="col">${t.businessGoal}</th><th scope="col">${t.steps}</th><th scope="col">${t.health}</th><th scope="col">${p.reviewed}</th><th scope="col">${p.measuredTo}</th><th scope="col">${p.conversion}</th>${withImages ? markup`<th scope="col">${t.images}</th>` : ""}</tr></thead>
<tbody>${rows}</tbody></table>
${portfolioSections(portfolio, t, mapOf)}</main>`;
  return mapPage({ lang: t.lang, dir: t.dir, title: t.indexTitle, body }, note, t.map.generatedNote, { script: INDEX_SCRIPT, css: INDEX_CSS });
}
