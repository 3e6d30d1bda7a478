import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../src/i18n/index.js";
import { chromiumAvailable, MINIMAL, ROOT, runCli, svgText, tempProject } from "../helpers/index.js";

const EXAMPLES = ["--config", join(ROOT, "examples", "journey.config.yaml"), join(ROOT, "examples")];

/** The PNG with one pixel byte changed, every other chunk (the note and the fingerprint too) kept as it was. */
function repaint(png: Buffer): Buffer {
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at))
    chunks.push({ type: png.toString("latin1", at + 4, at + 8), data: png.subarray(at + 8, at + 8 + png.readUInt32BE(at)) });
  const pixels = inflateSync(Buffer.concat(chunks.filter((c) => c.type === "IDAT").map((c) => c.data)));
  pixels[pixels.length - 2] ^= 0xff; // in the last row, after its filter byte
  const first = chunks.findIndex((c) => c.type === "IDAT");
  const kept = chunks.flatMap((c, i) => (i === first ? [{ type: "IDAT", data: deflateSync(pixels) }] : c.type === "IDAT" ? [] : [c]));
  return Buffer.concat([png.subarray(0, 8), ...kept.map(({ type, data }) => encodeChunk(type, data))]);
}

function encodeChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0);
  return Buffer.concat([head, data, crc]);
}

function chunkTypes(png: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at)) types.push(png.toString("latin1", at + 4, at + 8));
  return types;
}

describe.runIf(chromiumAvailable())("render --check covers images by their fingerprints", () => {
  it("two renders with --image png give identical bytes, diagrams and maps", { timeout: 180_000 }, async () => {
    const dir = tempProject();
    for (const out of ["a", "b"]) {
      const result = await runCli(["render", ...EXAMPLES, "-o", join(dir, out), "--image", "png"]);
      expect(result.stderr).toBe("");
      expect(result.exitCode).toBe(0);
    }
    const pngs = readdirSync(join(dir, "a")).filter((name) => name.endsWith(".png"));
    expect(pngs.filter((name) => name.endsWith(".map.png"))).toHaveLength(6);
    expect(pngs).toHaveLength(18);
    for (const name of pngs)
      expect(readFileSync(join(dir, "b", name)).equals(readFileSync(join(dir, "a", name))), `${name} differs between two renders`).toBe(true);
    const check = await runCli(["render", ...EXAMPLES, "-o", join(dir, "a"), "--image", "png", "--check"]);
    expect(check.stdout).toMatch(/^✔ 44 rendered files in .* are up to date$/);
    expect(check.exitCode).toBe(0);
  });

  it(
    "passes after render, fails naming the file when the journey changes, an SVG is edited or an image is missing, and passes after render again",
    { timeout: 120_000 },
    async () => {
      const dir = tempProject({ "minimal.journey.yaml": MINIMAL });
      const render = (...extra: string[]) => runCli(["render", ".", "-o", "docs", "--image", "svg", ...extra], { cwd: dir });
      const svg = join(dir, "docs", "minimal.flow.svg");
      expect((await render()).exitCode).toBe(0);
      const clean = await render("--check");
      expect(clean.stdout).toBe("✔ 8 rendered files in docs are up to date");
      expect(clean.exitCode).toBe(0);

      // A label edited by hand: the generated note is still there, the fingerprint no longer matches.
      const drawn = readFileSync(svg, "utf8");
      const label = /(<text[^>]*>(?:<[^>]+>|[^<])*?)Buys/;
      expect(drawn).toMatch(label);
      writeFileSync(svg, drawn.replace(label, "$1Sells"));
      const edited = await render("--check");
      expect(edited.exitCode).toBe(1);
      expect(edited.stdout).toBe(
        "  edited    docs/minimal.flow.svg (changed since journey render drew it)\n✖ 1 rendered file is out of date: run `journey render . -o docs --image svg` and commit the result",
      );

      rmSync(join(dir, "docs", "minimal.journey.svg"));
      expect((await render("--check")).stdout).toContain("  missing   docs/minimal.journey.svg\n");

      const again = await render();
      expect(again.exitCode).toBe(0);
      expect(readFileSync(svg, "utf8")).toBe(drawn);
      expect((await render("--check")).exitCode).toBe(0);

      // The journey changes: its Markdown is stale, and so is the flow image, drawn from the old one;
      // the journey chart leaves out steps without an emotion, so its definition and image are the same.
      writeFileSync(join(dir, "minimal.journey.yaml"), MINIMAL.replace("name: Buys", "name: Buys online"));
      const changed = await render("--check");
      expect(changed.exitCode).toBe(1);
      expect(changed.stdout).toContain("  stale     docs/minimal.md\n");
      expect(changed.stdout).toContain(
        "  stale     docs/minimal.flow.svg (drawn from an earlier version of its journey, or by another version of journey or Mermaid)\n",
      );
      expect(changed.stdout).not.toContain("minimal.journey.svg");
      expect((await render()).exitCode).toBe(0);
      expect((await render("--check")).exitCode).toBe(0);

      // Another image format is other images: the SVGs do not stand in for PNGs.
      const png = await runCli(["render", ".", "-o", "docs", "--image", "png", "--check"], { cwd: dir });
      expect(png.stdout).toContain("  missing   docs/minimal.flow.png\n");
      expect(png.stdout).toContain("  stale     docs/minimal.md\n"); // it links the PNGs
    },
  );

  it(
    "checks images drawn once with --image although none are configured: a stale one-off SVG fails --check; an observed flow's image goes with its analysis",
    { timeout: 180_000 },
    async () => {
      const analysis = readFileSync(join(ROOT, "test", "fixtures", "analyze", "checkout.analysis.json"), "utf8");
      const dir = tempProject({
        "journey.config.yaml": "render:\n  out: docs\n  analysis: [checkout.analysis.json]\n",
        "checkout.journey.yaml": readFileSync(join(ROOT, "test", "fixtures", "analyze", "checkout.journey.yaml"), "utf8"),
        "checkout.analysis.json": analysis,
        "minimal.journey.yaml": MINIMAL,
      });
      const render = (...extra: string[]) => runCli(["render", ...extra], { cwd: dir });
      const oneOff = await render("--image", "svg");
      expect(oneOff.stderr).toBe("");
      expect(oneOff.exitCode).toBe(0);
      const svgs = readdirSync(join(dir, "docs")).filter((name) => name.endsWith(".svg"));
      expect(svgs.sort()).toEqual(["checkout.flow.svg", "checkout.journey.svg", "checkout.observed.svg", "minimal.flow.svg", "minimal.journey.svg"]);
      // Back to the configured output (no images): the SVGs stay, and they are current.
      expect((await render()).exitCode).toBe(0);
      const clean = await render("--check");
      expect(clean.stdout).toBe("✔ 11 rendered files in docs are up to date");
      expect(clean.exitCode).toBe(0);

      // A step renamed: its Markdown is rendered again, the SVG drawn once still shows the old text.
      writeFileSync(join(dir, "minimal.journey.yaml"), MINIMAL.replace("name: Buys", "name: Buys online"));
      expect((await render()).exitCode).toBe(0);
      const oldText = svgText(readFileSync(join(dir, "docs", "minimal.flow.svg"), "utf8"));
      expect(oldText).toContain("Buys");
      expect(oldText).not.toContain("online");
      const stale = await render("--check");
      expect(stale.stdout).toBe(
        "  stale     docs/minimal.flow.svg (drawn from an earlier version of its journey, or by another version of journey or Mermaid)\n✖ 1 rendered file is out of date: run `journey render` and commit the result",
      );
      expect(stale.exitCode).toBe(1);
      // Edited by hand, it is edited, configured or not; a file of that name journey did not draw is the user's.
      const drawn = readFileSync(join(dir, "docs", "checkout.flow.svg"), "utf8");
      writeFileSync(join(dir, "docs", "checkout.flow.svg"), drawn.replace(/(<text[^>]*>(?:<[^>]+>|[^<])*?)Pays/, "$1Paid"));
      expect((await render("--check")).stdout).toContain("  edited    docs/checkout.flow.svg (changed since journey render drew it)\n");
      writeFileSync(join(dir, "docs", "checkout.flow.svg"), "<svg>my own drawing</svg>\n");
      expect((await render("--check")).stdout).not.toContain("checkout.flow.svg");

      // The analysis leaves the config: the observed flow and its image go.
      writeFileSync(join(dir, "journey.config.yaml"), "render:\n  out: docs\n");
      const dropped = await render();
      expect(dropped.stdout).toContain("  removed   docs/checkout.observed.mmd (no journey renders it any more)\n");
      expect(dropped.stdout).toContain("  removed   docs/checkout.observed.svg (no journey renders it any more)\n");
      expect(existsSync(join(dir, "docs", "checkout.flow.svg"))).toBe(true);
    },
  );

  it("sees a PNG whose pixels were changed with every chunk kept, and a PDF map changed after printing", { timeout: 120_000 }, async () => {
    const dir = tempProject({ "minimal.journey.yaml": MINIMAL });
    for (const image of ["png", "pdf"]) expect((await runCli(["render", ".", "-o", image, "--image", image], { cwd: dir })).exitCode).toBe(0);
    const png = join(dir, "png", "minimal.flow.png");
    const original = readFileSync(png);
    const repainted = repaint(original);
    expect(chunkTypes(repainted)).toEqual(chunkTypes(original).filter((type, i, all) => type !== "IDAT" || all.indexOf("IDAT") === i));
    expect(repainted.equals(original)).toBe(false);
    writeFileSync(png, repainted);
    const check = await runCli(["render", ".", "-o", "png", "--image", "png", "--check"], { cwd: dir });
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toContain("  edited    png/minimal.flow.png (changed since journey render drew it)\n");

    const pdf = join(dir, "pdf", "minimal.pdf");
    expect((await runCli(["render", ".", "-o", "pdf", "--image", "pdf", "--check"], { cwd: dir })).exitCode).toBe(0);
    const printed = readFileSync(pdf, "latin1");
    expect(printed).toMatch(/\/JourneyFingerprint \(source=sha256:[0-9a-f]{64} content=sha256:[0-9a-f]{64}\)>>\nendobj\nxref\n/);
    writeFileSync(pdf, Buffer.from(printed.replace("/Type /Catalog", "/Type  /Catalog"), "latin1"));
    expect((await runCli(["render", ".", "-o", "pdf", "--image", "pdf", "--check"], { cwd: dir })).stdout).toContain("  edited    pdf/minimal.pdf (changed");
  });

  it("--check starts no browser: the images are checked on a machine without one", { timeout: 60_000 }, async () => {
    const dir = tempProject({ "minimal.journey.yaml": MINIMAL });
    expect((await runCli(["render", ".", "-o", "docs", "--image", "png"], { cwd: dir })).exitCode).toBe(0);
    // A "browser" that leaves a mark when anything starts it.
    const marker = join(dir, "browser-started");
    const browser = join(dir, "fake-chromium");
    writeFileSync(browser, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
    chmodSync(browser, 0o755);
    const env = { PUPPETEER_EXECUTABLE_PATH: browser };
    const check = await runCli(["render", ".", "-o", "docs", "--image", "png", "--check"], { cwd: dir, env });
    expect(check.stdout).toBe("✔ 9 rendered files in docs are up to date");
    expect(check.exitCode).toBe(0);
    rmSync(join(dir, "docs", "minimal.map.png"));
    expect((await runCli(["render", ".", "-o", "docs", "--image", "png", "--check"], { cwd: dir, env })).exitCode).toBe(1);
    expect(existsSync(marker)).toBe(false);
    // The same browser is started by render itself: the mark would have shown a start.
    await runCli(["render", ".", "-o", "docs", "--image", "png"], { cwd: dir, env });
    expect(existsSync(marker)).toBe(true);
    const none = await runCli(["render", ".", "-o", "docs", "--image", "png", "--check"], {
      cwd: dir,
      env: { PUPPETEER_EXECUTABLE_PATH: join(dir, "no-such-browser") },
    });
    expect(none.stdout).toContain("  missing   docs/minimal.map.png\n");
  });

  it(
    "index.md, index.html and each map link the images render drew, in the labels' language, and --check sees the same pages",
    { timeout: 120_000 },
    async () => {
      const dir = tempProject({ "minimal.journey.yaml": MINIMAL });
      const t = LANGUAGES.da;
      const render = await runCli(["render", ".", "-o", "docs", "--image", "png", "--lang", "da"], { cwd: dir });
      expect(render.stderr).toBe("");
      expect(render.exitCode).toBe(0);
      const read = (name: string) => readFileSync(join(dir, "docs", name), "utf8");
      const drawn = readdirSync(join(dir, "docs")).filter((name) => name.endsWith(".png"));
      expect(drawn.sort()).toEqual(["minimal.flow.png", "minimal.journey.png", "minimal.map.png"]);
      const texts = {
        "minimal.journey.png": t.diagramImage.replace("{diagram}", t.journeyDiagram),
        "minimal.flow.png": t.diagramImage.replace("{diagram}", t.flowDiagram),
        "minimal.map.png": t.mapImage.replace("{format}", "PNG"),
      };
      const p = t.portfolio;
      expect(read("index.md")).toContain(
        `| ${t.health} | ${p.reviewed} | ${p.measuredTo} | ${p.conversion} | ${t.images} |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n`,
      );
      expect(read("index.md")).toContain(
        `| ${Object.entries(texts)
          .map(([file, text]) => `[${text}](${file})`)
          .join("<br>")} |\n`,
      );
      expect(read("index.html")).toContain(`<th scope="col">${t.images}</th></tr></thead>`);
      for (const [file, text] of Object.entries(texts)) {
        expect(read("index.html")).toContain(`<a href="${file}">${text}</a>`);
        expect(read("minimal.html")).toContain(`<a href="${file}">${text}</a>`);
      }
      // Links only: the map's policy loads nothing from beside it, and it stays so.
      const map = read("minimal.html");
      expect(map).toContain("img-src data:;");
      expect(map).not.toMatch(/<img\b/);
      const check = await runCli(["render", ".", "-o", "docs", "--image", "png", "--lang", "da", "--check"], { cwd: dir });
      expect(check.stdout).toBe("✔ 9 rendered files in docs are up to date");
      expect(check.exitCode).toBe(0);
    },
  );
});
