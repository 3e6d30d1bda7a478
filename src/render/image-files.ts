import { addPdfComment, MermaidRenderer, pagesFor } from "./images.js";
import { addPngText, withFingerprint } from "./image-fingerprint.js";
import type { OutputFile } from "./output.js";
import type { ImageFormat, PlannedImage, RenderPlan } from "./plan.js";

/**
 * The images of a folder (`plan.images`), drawn in one browser, each marked as generated from its
 * journey and carrying its fingerprint: a diagram Mermaid cannot draw, or a map Chromium cannot
 * print, is a failure, not an abort.
 */
export async function renderImageFiles(plan: Pick<RenderPlan, "images" | "diagrams">, format: ImageFormat, browser: string) {
  const result: { files: OutputFile[]; failures: string[] } = { files: [], failures: [] };
  // A diagram past Mermaid's limits has no image: where diagrams were asked for, that is a failure.
  if (format !== "pdf") for (const diagram of plan.diagrams) if (diagram.tooLarge) result.failures.push(`${diagram.baseName}: not drawn: ${diagram.tooLarge}`);
  const diagrams = plan.images.filter((image) => image.kind === "diagram");
  const maps = plan.images.filter((image) => image.kind === "map");
  const progress = new Progress(plan.images.length);
  const renderer = await MermaidRenderer.open(browser, diagrams.length > 0 ? pagesFor(diagrams.length) : 0);
  const file = (image: PlannedImage, drawn: string | Uint8Array): OutputFile => ({
    name: image.name,
    content: withFingerprint(image, drawn),
  });
  try {
    // All diagrams are queued at once; the renderer spreads them over its pages. The maps are
    // printed one after the other beside them: a long map's page is the largest thing in memory.
    const printMaps = async () => {
      const files: OutputFile[] = [];
      for (const map of maps) {
        try {
          const image = await renderer.mapImage(map.source, map.format === "pdf" ? "pdf" : "png");
          files.push(file(map, map.format === "pdf" ? addPdfComment(image, map.note) : addPngText(image, "Comment", map.note)));
        } catch (error) {
          result.failures.push(
            `${map.name}: Chromium could not ${map.format === "pdf" ? "print" : "capture"} the journey map (${firstLine(error)}); please report it with the journey file`,
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
          try {
            if (diagram.format === "svg") return file(diagram, `<!-- ${diagram.note} -->\n${await renderer.svg(diagram.source)}\n`);
            return file(diagram, addPngText(await renderer.png(diagram.source), "Comment", diagram.note));
          } catch (error) {
            result.failures.push(`${diagram.name}: Mermaid could not draw this diagram (${firstLine(error)}); please report it with the journey file`);
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
