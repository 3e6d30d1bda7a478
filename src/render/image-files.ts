import { addPdfComment, addPngText, MermaidRenderer, pagesFor } from "./images.js";
import type { OutputFile } from "./output.js";
import { GENERATED_MARK, type RenderPlan } from "./plan.js";

/**
 * The images of a folder, drawn in one browser and each marked as generated from the same source:
 * a diagram Mermaid cannot draw, or a map Chromium cannot print, is a failure, not an abort.
 * Images: diagrams as SVG or PNG; with png also each map as `<id>.map.png`, with pdf only the maps
 * as `<id>.pdf`.
 */
export async function renderImageFiles(plan: RenderPlan, format: "svg" | "png" | "pdf", browser: string) {
  const result: { files: OutputFile[]; failures: string[] } = { files: [], failures: [] };
  const diagrams = format === "pdf" ? [] : plan.diagrams;
  const maps = format === "svg" ? [] : plan.maps;
  // The note of each image is its .mmd file's (same source), looked up by name once.
  const byName = new Map(plan.files.map((file) => [file.name, file.content]));
  const noteOf = (baseName: string) => {
    const mmd = byName.get(`${baseName}.mmd`);
    return typeof mmd === "string" ? mmd.slice(0, mmd.indexOf("\n")).replace(/^%% /, "") : GENERATED_MARK;
  };
  const progress = new Progress(diagrams.length + maps.length);
  const renderer = await MermaidRenderer.open(browser, diagrams.length > 0 ? pagesFor(diagrams.length) : 0);
  try {
    // All diagrams are queued at once; the renderer spreads them over its pages. The maps are
    // printed one after the other beside them: a long map's page is the largest thing in memory.
    const printMaps = async () => {
      const files: OutputFile[] = [];
      for (const map of maps) {
        try {
          const image = await renderer.mapImage(map.html, format === "pdf" ? "pdf" : "png");
          files.push(
            format === "pdf"
              ? { name: `${map.journeyId}.pdf`, content: addPdfComment(image, map.note) }
              : { name: `${map.journeyId}.map.png`, content: addPngText(image, "Comment", map.note) },
          );
        } catch (error) {
          result.failures.push(
            `${map.journeyId}: Chromium could not ${format === "pdf" ? "print" : "capture"} the journey map (${firstLine(error)}); please report it with the journey file`,
          );
        } finally {
          progress.tick();
        }
      }
      return files;
    };
    const [drawn, printed] = await Promise.all([
      Promise.all(
        diagrams.map(async (diagram): Promise<OutputFile | undefined> => {
          if (diagram.tooLarge) {
            result.failures.push(`${diagram.baseName}: not drawn: ${diagram.tooLarge}`);
            progress.tick();
            return undefined;
          }
          // `<small>` sets the channels apart where Mermaid draws HTML labels (GitHub); as SVG text
          // it would be printed literally.
          const definition = diagram.definition.replace(/<\/?small>/g, "");
          try {
            if (format === "svg") {
              const svg = await renderer.svg(definition);
              return { name: `${diagram.baseName}.svg`, content: `<!-- ${noteOf(diagram.baseName)} -->\n${svg}\n` };
            }
            const png = await renderer.png(definition);
            return { name: `${diagram.baseName}.png`, content: addPngText(png, "Comment", noteOf(diagram.baseName)) };
          } catch (error) {
            result.failures.push(`${diagram.baseName}: Mermaid could not draw this diagram (${firstLine(error)}); please report it with the journey file`);
            return undefined;
          } finally {
            progress.tick();
          }
        }),
      ),
      printMaps(),
    ]);
    result.files = [...drawn.filter((f): f is OutputFile => f !== undefined), ...printed];
    result.failures.sort();
  } finally {
    progress.done();
    await renderer.close();
  }
  return result;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0];
}

/** A progress bar on stderr, only when it is a terminal. */
class Progress {
  private count = 0;
  private readonly enabled = Boolean(process.stderr.isTTY);

  constructor(private readonly total: number) {}

  tick(): void {
    this.count++;
    if (!this.enabled) return;
    const width = 30;
    const filled = Math.round((this.count / this.total) * width);
    process.stderr.write(`\r  rendering images [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${this.count}/${this.total}`);
  }

  done(): void {
    if (this.enabled && this.count > 0) process.stderr.write("\n");
  }
}
