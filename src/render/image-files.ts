import { addPngText, MermaidRenderer, pagesFor } from "./images.js";
import type { OutputFile } from "./output.js";
import { GENERATED_MARK, type Diagram } from "./plan.js";

/**
 * SVG or PNG files of the diagrams, drawn by Mermaid in one browser, each marked as generated
 * from the same source as its .mmd file; a diagram Mermaid cannot draw is a failure, not an abort.
 */
export async function renderImageFiles(diagrams: readonly Diagram[], format: "svg" | "png", browser: string, files: readonly OutputFile[]) {
  const result: { files: OutputFile[]; failures: string[] } = { files: [], failures: [] };
  // The note of each image is its .mmd file's (same source), looked up by name once.
  const byName = new Map(files.map((file) => [file.name, file.content]));
  const noteOf = (baseName: string) => {
    const mmd = byName.get(`${baseName}.mmd`);
    return typeof mmd === "string" ? mmd.slice(0, mmd.indexOf("\n")).replace(/^%% /, "") : GENERATED_MARK;
  };
  const progress = new Progress(diagrams.length);
  const renderer = await MermaidRenderer.open(browser, pagesFor(diagrams.length));
  try {
    // All diagrams are queued at once; the renderer spreads them over its pages.
    const files = await Promise.all(
      diagrams.map(async (diagram): Promise<OutputFile | undefined> => {
        if (diagram.tooLarge) {
          result.failures.push(`${diagram.baseName}: not drawn: ${diagram.tooLarge}`);
          progress.tick();
          return undefined;
        }
        try {
          if (format === "svg") {
            const svg = await renderer.svg(diagram.definition);
            return { name: `${diagram.baseName}.svg`, content: `<!-- ${noteOf(diagram.baseName)} -->\n${svg}\n` };
          }
          const png = await renderer.png(diagram.definition);
          return { name: `${diagram.baseName}.png`, content: addPngText(png, "Comment", noteOf(diagram.baseName)) };
        } catch (error) {
          result.failures.push(`${diagram.baseName}: Mermaid could not draw this diagram (${firstLine(error)}); please report it with the journey file`);
          return undefined;
        } finally {
          progress.tick();
        }
      }),
    );
    result.files = files.filter((f): f is OutputFile => f !== undefined);
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
