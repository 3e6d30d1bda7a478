import type { Labels } from "../i18n/types.js";
import type { ReportImages } from "./markdown-report.js";

/** A link to one image of a journey: its text in the page's language, and the file beside the page. */
export interface ImageLink {
  text: string;
  /** File name in the output folder, not yet encoded for a URL. */
  file: string;
}

/**
 * The images drawn of a journey, in the order of the report's diagrams, with the link texts the
 * report gives them: the index and the journey map list them (the report links each under its
 * diagram). An empty list when no image is rendered.
 */
export function imageLinks(t: Labels, images: ReportImages): ImageLink[] {
  const diagram = (heading: string) => t.diagramImage.replace("{diagram}", () => heading);
  const texts = {
    journey: diagram(t.journeyDiagram),
    flow: diagram(t.flowDiagram),
    observed: diagram(t.measured.observedFlow),
    map: t.mapImage.replace("{format}", images.map?.endsWith(".pdf") ? "PDF" : "PNG"),
  };
  return (["journey", "flow", "observed", "map"] as const).flatMap((kind) => {
    const file = images[kind];
    return file ? [{ text: texts[kind], file }] : [];
  });
}
