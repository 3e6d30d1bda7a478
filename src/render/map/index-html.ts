import { markup } from "../../escape/html.js";
import type { Journey } from "../../model/types.js";
import { countFindings, type FileReport } from "../../results.js";
import { formatList } from "../../i18n/format.js";
import type { Labels } from "../../i18n/types.js";
import { imageLinks } from "../image-links.js";
import type { ReportImages } from "../markdown-report.js";
import { catalogName } from "../../i18n/names.js";
import { imageAnchors, mapPage } from "./map-html.js";

/**
 * `index.html`: every rendered journey with its persona, goal, size and health, linking to its map,
 * and to its images when images are rendered.
 */
export function mapIndexPage(
  rendered: readonly { result: FileReport; journey: Journey; stem: string; images: ReportImages }[],
  labels: Labels,
  note: string,
): string {
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
    return markup`<tr><td><a href="${encodeURIComponent(stem)}.html" dir="auto">${journey.title}</a></td><td dir="auto">${journey.persona ? catalogName(journey.persona, t.lang) : "—"}</td><td dir="auto">${journey.goal.description ?? formatList(t, journey.goal.steps)}</td><td>${journey.steps.length}</td><td>${health}</td>${withImages ? markup`<td>${links.length > 0 ? imageAnchors(links, "<br>") : "—"}</td>` : ""}</tr>`;
  });
  const body = markup`<header class="page-head"><h1>${t.indexTitle}</h1></header>
<main><table class="journeys"><thead><tr><th scope="col">${t.journey}</th><th scope="col">${t.persona}</th><th scope="col">${t.businessGoal}</th><th scope="col">${t.steps}</th><th scope="col">${t.health}</th>${withImages ? markup`<th scope="col">${t.images}</th>` : ""}</tr></thead>
<tbody>${rows}</tbody></table></main>`;
  return mapPage({ lang: t.lang, dir: t.dir, title: t.indexTitle, body }, note, t.map.generatedNote);
}
