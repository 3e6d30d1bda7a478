import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { execa, type ResultPromise } from "execa";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowedHostHeaders, isLoopback } from "../../src/preview/server.js";
import { findBrowser } from "../../src/render/images.js";
import { plural } from "../../src/i18n/format.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { BIN, check, chromiumAvailable, longJourney, tempProject } from "../helpers/index.js";

const require = createRequire(import.meta.url);
/** The bound for a save to show on the page (the bench measures the actual latency). */
const SHOWN_WITHIN_MS = 2_000;

/** A journey of 20 steps, wide enough to scroll sideways; `name` is the first step's name. */
function journey(name: string): string {
  const steps = Array.from({ length: 20 }, (_, i) =>
    i === 0
      ? `      - { id: s1, name: "${name}", channel: web, emotion: 1 }`
      : `      - { id: s${i + 1}, name: Step ${i + 1}, channel: web, emotion: ${(i % 5) - 2} }`,
  );
  return [
    "journey: 1",
    "id: wide",
    "title: A wide journey",
    "persona: { name: Tester, goals: [Test] }",
    "channels: { web: { name: Web, mode: async } }",
    "goal: { steps: [s20] }",
    "stages:",
    "  - id: purchase",
    "    steps:",
    ...steps,
    "",
  ].join("\n");
}

describe("preview: the Host check", () => {
  it("answers the address it listens on, localhost when that is loopback, and the names allowed", () => {
    expect([...allowedHostHeaders("127.0.0.1", 4000, [])].sort()).toEqual(["127.0.0.1:4000", "[::1]:4000", "localhost:4000"]);
    expect([...allowedHostHeaders("0.0.0.0", 80, ["My-Laptop.local"])].sort()).toEqual(["0.0.0.0:80", "my-laptop.local:80"]);
    expect(isLoopback("127.0.0.1") && isLoopback("::1") && !isLoopback("0.0.0.0") && !isLoopback("192.168.1.2")).toBe(true);
  });
});

describe.runIf(chromiumAvailable())("preview: live reload in Chromium", () => {
  let dir: string;
  let server: ResultPromise;
  let url: string;
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const file = () => join(dir, "wide.journey.yaml");

  beforeAll(async () => {
    dir = tempProject({ "wide.journey.yaml": journey("First name") });
    server = execa("node", [BIN, "preview", "--port", "0"], { cwd: dir, reject: false, env: { NO_COLOR: "1" } });
    url = await new Promise<string>((found, fail) => {
      let text = "";
      server.stdout!.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        const match = /journey preview: (http:\/\/\S+)/.exec(text);
        if (match) found(match[1]);
      });
      setTimeout(() => fail(new Error(`no address printed: ${text}`)), 20_000);
    });
    const { launch } = require("puppeteer-core") as typeof import("puppeteer-core");
    browser = await launch({ executablePath: findBrowser(), headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    page.on("request", (r) => {
      if (!r.url().startsWith(url)) outside.push(r.url());
    });
    await page.goto(url);
    await page.waitForSelector("table.map");
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server !== undefined && server.exitCode === null) server.kill("SIGKILL");
  });

  const shown = (text: string) => page.waitForFunction((t) => document.getElementById("map")!.textContent.includes(t), { timeout: SHOWN_WITHIN_MS }, text);
  const scroll = () => page.evaluate(() => ({ left: document.querySelector(".canvas")!.scrollLeft, top: window.scrollY }));

  it("shows the map and the report's diagrams, drawn by Mermaid from node_modules", async () => {
    expect(await page.$$eval("thead tr.steps th[data-col]", (ths) => ths.length)).toBe(20);
    await page.waitForFunction(() => document.querySelectorAll(".diagrams figure svg").length === 2, { timeout: 20_000 });
  });

  it("an edit in place shows within two seconds, keeping the scroll position", async () => {
    await page.evaluate(() => {
      document.querySelector(".canvas")!.scrollLeft = 600;
      window.scrollTo(0, 150);
    });
    const before = await scroll();
    expect(before.left).toBe(600);
    const started = Date.now();
    writeFileSync(file(), journey("Edited in place"));
    await shown("Edited in place");
    expect(Date.now() - started).toBeLessThan(SHOWN_WITHIN_MS);
    expect(await scroll()).toEqual(before);
  });

  it("a save by rename (write a new file, rename it over the old) shows too", async () => {
    const started = Date.now();
    writeFileSync(join(dir, "wide.journey.yaml.tmp-save"), journey("Saved by rename"));
    renameSync(join(dir, "wide.journey.yaml.tmp-save"), file());
    await shown("Saved by rename");
    expect(Date.now() - started).toBeLessThan(SHOWN_WITHIN_MS);
    // And again: the watch was on the folder, so it survived the rename.
    writeFileSync(file(), journey("After the rename"));
    await shown("After the rename");
  });

  it("a broken file shows its errors with line and column over the last good map; fixing it clears them", async () => {
    const broken = journey("Never shown").replace("  - id: purchase", "  - id: [purchase");
    const [first] = check(broken).findings;
    expect(first.ruleId).toBe("syntax");
    const before = await scroll();
    writeFileSync(file(), broken);
    await page.waitForSelector(".errors:not([hidden])", { timeout: SHOWN_WITHIN_MS });
    expect(await scroll()).toEqual(before); // the panel lies over the map, which stays where it was
    const errors = await page.$eval(".errors", (el) => el.textContent);
    expect(errors).toContain(`wide.journey.yaml:${first.line}:${first.column}: ${first.message} [syntax]`);
    expect(await page.$eval("#map", (el) => el.textContent)).toContain("After the rename"); // the last good map stays
    writeFileSync(file(), journey("Fixed again"));
    await shown("Fixed again");
    expect(await page.$(".errors:not([hidden])")).toBeNull();
  });

  it("a journey past Mermaid's limits shows its flow by stage with the report's note, never Mermaid's error picture", { timeout: 60_000 }, async () => {
    writeFileSync(join(dir, "long.journey.yaml"), longJourney(1000, 125));
    await page.waitForFunction(() => document.querySelector('#journeys a[href="#long.journey.yaml"]') !== null, { timeout: 20_000 });
    await page.evaluate(() => {
      location.hash = "#long.journey.yaml";
    });
    await page.waitForFunction(() => document.querySelectorAll(".diagrams figure svg").length === 2, { timeout: 30_000 });
    expect(await page.$eval(".diagram-note", (el) => el.textContent)).toBe(plural(LANGUAGES.en, LANGUAGES.en.overviewNote, 1000));
    const flow = await page.$$eval(".diagrams figure", (figures) => figures[1].innerHTML);
    expect(flow).toContain("stage-8");
    expect(flow).not.toMatch(/Maximum text size|Syntax error|aria-roledescription="error"/);
  });

  it("a link between journeys opens the other journey's view, scrolled to the step, and links back", { timeout: 30_000 }, async () => {
    const linking = journey("Starts elsewhere").replace("id: wide", "id: linking").replace("title: A wide journey", "title: A linking journey");
    writeFileSync(join(dir, "linking.journey.yaml"), linking.replace("{ id: s1, ", "{ id: s1, next: [s2, wide#s18], "));
    await page.waitForFunction(() => document.querySelector('#journeys a[href="#linking.journey.yaml"]') !== null, { timeout: 20_000 });
    await page.evaluate(() => {
      location.hash = "#linking.journey.yaml";
    });
    await page.waitForSelector('.continues a[href="#wide.journey.yaml#s18"]', { timeout: SHOWN_WITHIN_MS });
    expect(await page.$eval(".continues a", (a) => a.textContent)).toBe("A wide journey");
    await page.click(".continues a");
    await page.waitForFunction(() => document.body.getAttribute("data-shown")!.startsWith("wide.journey.yaml@"), { timeout: SHOWN_WITHIN_MS });
    const card = await page.$eval('[data-step="s18"]', (el) => {
      const box = el.getBoundingClientRect();
      return { left: box.left, right: box.right, width: window.innerWidth, back: el.querySelector(".continued a")!.getAttribute("href") };
    });
    expect(card.back).toBe("#linking.journey.yaml#s1");
    expect(card.left).toBeGreaterThanOrEqual(0);
    expect(card.right).toBeLessThanOrEqual(card.width); // s18 of 20 is far right: the canvas scrolled to it
  });

  it("refuses a foreign Host header and paths with `..`, and serves no file by its path", async () => {
    const get = (path: string, host?: string) =>
      new Promise<number>((done, fail) => {
        const target = new URL(url);
        const req = request({ hostname: target.hostname, port: target.port, path, headers: host ? { host } : {} }, (res) => {
          res.resume();
          done(res.statusCode!);
        });
        req.on("error", fail);
        req.end();
      });
    expect(await get("/", "evil.example")).toBe(403);
    expect(await get("/", `attacker.example:${new URL(url).port}`)).toBe(403);
    expect(await get("/")).toBe(200);
    expect(await get("/../wide.journey.yaml")).toBe(400);
    expect(await get("/%2e%2e/%2e%2e/etc/passwd")).toBe(400);
    expect(await get("/wide.journey.yaml")).toBe(404);
    expect(readFileSync(file(), "utf8")).toContain("Fixed again"); // read-only: the file is as the test left it
  });

  it("the page asked nothing of any other address", () => {
    expect(outside).toEqual([]);
  });

  it("Ctrl-C stops it cleanly", async () => {
    const started = Date.now();
    server.kill("SIGINT");
    const result = await server;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.stdout).toContain("journey preview: stopped");
    expect(result.stderr).toBe("");
  });
});
