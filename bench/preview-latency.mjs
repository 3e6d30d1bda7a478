// `node bench/preview-latency.mjs [edits]`: how long `journey preview` takes from a save to the
// page showing it. Starts the built CLI on a copy of a bundled example, opens the page in
// Chromium, then saves the journey `edits` times (every other save by rename, as editors do)
// and times each save until the new text is in the page's map. The issue asks for under a
// second; prints the median, min and max in milliseconds.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const edits = Number(process.argv[2] ?? 20);
const browserPath = process.env.PUPPETEER_EXECUTABLE_PATH ?? "/usr/bin/chromium";

const dir = mkdtempSync(join(tmpdir(), "journey-preview-bench-"));
copyFileSync(join(root, "examples", "journey.config.yaml"), join(dir, "journey.config.yaml"));
const file = join(dir, "cat-fountain-purchase.journey.yaml");
const original = readFileSync(join(root, "examples", "cat-fountain-purchase.journey.yaml"), "utf8");
writeFileSync(file, original);

const server = spawn(process.execPath, [join(root, "bin", "journey.cjs"), "preview", "--port", "0"], { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((found) => {
  let text = "";
  server.stdout.on("data", (chunk) => {
    text += chunk;
    const match = /journey preview: (http:\/\/\S+)/.exec(text);
    if (match) found(match[1]);
  });
});
const { launch } = require("puppeteer-core");
const browser = await launch({ executablePath: browserPath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector("table.map");
  const times = [];
  for (let i = 1; i <= edits; i++) {
    const marker = `Sees ad number ${i}`;
    const text = original.replace("Sees an ad for a cat water fountain", marker);
    const started = performance.now();
    if (i % 2 === 0) {
      writeFileSync(`${file}.save`, text);
      renameSync(`${file}.save`, file);
    } else writeFileSync(file, text);
    await page.waitForFunction((m) => globalThis.document.getElementById("map").textContent.includes(m), { polling: "mutation", timeout: 10_000 }, marker);
    times.push(performance.now() - started);
    await new Promise((pause) => setTimeout(pause, 300)); // let Mermaid finish the diagrams
  }
  times.sort((a, b) => a - b);
  const ms = (value) => Math.round(value);
  console.log(
    `journey preview, save -> page shows it, ${edits} saves: median ${ms(times[Math.floor(times.length / 2)])} ms, min ${ms(times[0])} ms, max ${ms(times.at(-1))} ms`,
  );
} finally {
  await browser.close();
  server.kill("SIGINT");
  rmSync(dir, { recursive: true, force: true });
}
