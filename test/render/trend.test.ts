import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAnalyses } from "../../src/analyze/read-result.js";
import type { AnalysisResult } from "../../src/analyze/types.js";
import { defaultConfig } from "../../src/config/load.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { scopeLine, trendRows } from "../../src/render/breakdown.js";
import { compareOutputs, writeOutputs } from "../../src/render/output.js";
import { orphanedFiles, removeOrphans } from "../../src/render/orphans.js";
import { planRender, type RenderPlan } from "../../src/render/plan.js";
import { CHART_HEIGHT, CHART_WIDTH, renderTrendChart } from "../../src/render/trend-chart.js";
import { lint, ROOT, RUN_META, svgText, tempProject, xmllintAvailable } from "../helpers/index.js";

const FIXTURES = join(ROOT, "test", "fixtures", "analyze");
const JOURNEY = readFileSync(join(FIXTURES, "checkout.journey.yaml"), "utf8");
const TREND_TEXT = readFileSync(join(FIXTURES, "checkout-trend.analysis.json"), "utf8");
/** The fixture: segments by `device` (one without a value), six weeks with an empty one, a window of a day, `--since`. */
const TREND = JSON.parse(TREND_TEXT) as AnalysisResult;
const PLAIN = JSON.parse(readFileSync(join(FIXTURES, "checkout.analysis.json"), "utf8")) as AnalysisResult;
const CHECKED = lint(JOURNEY);

function plan(analysis: AnalysisResult | undefined, lang = "en", outDir = "/virtual/out"): RenderPlan {
  return planRender([{ result: CHECKED, config: defaultConfig("/virtual") }], {
    labels: LANGUAGES[lang],
    outDir,
    projectRoot: "/virtual",
    analyses: analysis ? new Map([[analysis.journey, analysis]]) : undefined,
    ...RUN_META,
  });
}
const file = (p: RenderPlan, name: string) => p.files.find((f) => f.name === name)?.content;
const with_ = (change: Partial<AnalysisResult>): AnalysisResult => ({ ...TREND, ...change });
const section = (md: string, heading: string) => md.split(`\n### ${heading}\n`)[1]?.split("\n### ")[0] ?? "";
const rows = (md: string) => md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| ---"));

/** A trend of `shares` (null: an empty bucket), weekly from 2 March 2026, 10 cases a full bucket. */
function trendOf(shares: (number | null)[]): NonNullable<AnalysisResult["trend"]> {
  return shares.map((share, i) => ({
    from: new Date(Date.UTC(2026, 2, 2 + 7 * i)).toISOString().replace(".000Z", "Z"),
    cases: share === null ? 0 : 10,
    conversion: share,
    fitness: share === null ? null : Math.min(1, share + 0.25),
  }));
}
const chart = (trend: AnalysisResult["trend"], lang = "en", title = "Checkout") =>
  renderTrendChart(trendRows(with_({ trend, cases: trend!.reduce((s, b) => s + b.cases, 0) }), LANGUAGES[lang]), LANGUAGES[lang], title)!;

/** The markers of a series: bucket start, exact value, centre. */
function markers(svg: string, series: "conversion" | "fitness") {
  const group = new RegExp(`<g class="series" data-series="${series}"[^>]*>(.*?)</g>`).exec(svg)![1];
  return [...group.matchAll(/<(circle|rect) ([^>]*)\/>/g)].map(([, shape, attrs]) => {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
    const cx = shape === "circle" ? Number(attr("cx")) : Number(attr("x")) + 3.5;
    const cy = shape === "circle" ? Number(attr("cy")) : Number(attr("y")) + 3.5;
    return { shape, from: attr("data-from"), value: Number(attr("data-value")), cx, cy };
  });
}
/** The sub-paths of a series' line: each a run of buckets with cases. */
const runs = (svg: string, series: string) =>
  (new RegExp(`data-series="${series}"[^>]*><path d="([^"]*)"`).exec(svg)?.[1] ?? "")
    .split("M")
    .filter(Boolean)
    .map((run) => run.trim().split(" L").length);

describe("the trend chart (render/trend-chart.ts)", () => {
  it("a point per bucket with cases, at its share; an empty bucket is a gap in both lines, never a zero", () => {
    const svg = chart(trendOf([0.5, 0.25, null, 1, null, 0, 0.75]));
    const conversion = markers(svg, "conversion");
    expect(conversion.map((m) => m.value)).toEqual([0.5, 0.25, 1, 0, 0.75]);
    expect(conversion.every((m) => m.shape === "circle")).toBe(true);
    expect(markers(svg, "fitness").every((m) => m.shape === "rect")).toBe(true); // told apart by shape, not colour alone
    // Heights: 0% and 100% at the plot's bottom and top; 50% half-way.
    const y = new Map(conversion.map((m) => [m.value, m.cy]));
    expect(y.get(0.5)).toBeCloseTo((y.get(0)! + y.get(1)!) / 2, 1);
    expect(y.get(1)).toBeLessThan(y.get(0.75)!);
    // Left to right in bucket order, evenly spaced (the empty buckets keep their place).
    const x = conversion.map((m) => m.cx);
    const step = (x[1] - x[0]) / 1;
    expect(x[2] - x[1]).toBeCloseTo(2 * step, 1);
    // Runs: buckets 1–2, 4 alone (a point, no line), 6–7.
    expect(runs(svg, "conversion")).toEqual([2, 2]);
    expect(runs(svg, "fitness")).toEqual([2, 2]);
    // The empty buckets have their group and tooltip but no bar.
    const empty = [...svg.matchAll(/<g class="bucket" data-from="([^"]+)" data-cases="0"><title>([^<]*)<\/title><\/g>/g)];
    expect(empty.map((m) => m[1])).toEqual(["2026-03-16T00:00:00Z", "2026-03-30T00:00:00Z"]);
    expect(empty[0][2]).toBe("Mar 16, 2026 — Cases: 0 · Conversion: — · Fitness: —");
  });

  it("one bucket: a point and no line; the cases axis is the fullest bucket", () => {
    const svg = chart(trendOf([0.4]));
    expect(markers(svg, "conversion")).toHaveLength(1);
    expect(svg).not.toMatch(/<path /);
    expect(svg).toContain('data-max="10">10</text>');
  });

  it("dates in the report's language, percent as it writes them; a long trend labels every k-th bucket so the dates do not collide", () => {
    const svg = chart(trendOf([0.5, 0.6]), "da");
    expect(svgText(svg)).toContain("2. mar. 2026");
    expect(svgText(svg)).toContain("9. mar. 2026");
    expect(svg).toContain(">50\u00a0%</text>");
    expect(svgText(svg)).toContain("Konvertering");
    const long = chart(trendOf(Array.from({ length: 120 }, (_, i) => (i % 10) / 10)));
    const dates = [...long.matchAll(/<text x="([\d.]+)" [^>]*data-from="[^"]+">/g)].map((m) => Number(m[1]));
    expect(dates.length).toBeGreaterThan(1);
    expect(dates.length).toBeLessThanOrEqual(6);
    for (let i = 1; i < dates.length; i++) expect(dates[i] - dates[i - 1]).toBeGreaterThanOrEqual(100);
  });

  it("accessible: role img named by its title and description; user text escaped, bidi controls shown", () => {
    const svg = chart(trendOf([0.5, null, 0.7]), "en", 'Buy <now> & "save" \u202Egnirts');
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="trend-chart-title trend-chart-desc"/);
    expect(svg).toContain('<title id="trend-chart-title">Trend: Buy &lt;now&gt; &amp; &quot;save&quot; \\u202Egnirts</title>');
    expect(svg).toContain(
      '<desc id="trend-chart-desc">Conversion and fitness (lines) and cases (bars, at most 10) per bucket, from Mar 2, 2026 to Mar 16, 2026; a gap in a line is a bucket without cases.</desc>',
    );
    expect(svg).not.toContain("\u202E");
    expect(svg).toContain(`viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}"`);
  });

  it("deterministic, and mirrored in Arabic: the first bucket on the right, the percent axis on the right", () => {
    const trend = trendOf([0.2, 0.4, null, 0.6]);
    expect(chart(trend, "ar")).toBe(chart(trend, "ar"));
    const ltr = chart(trend);
    const rtl = chart(trend, "ar");
    expect(ltr).toContain('direction="ltr"');
    expect(rtl).toContain('direction="rtl"');
    const [l, r] = [markers(ltr, "conversion"), markers(rtl, "conversion")];
    expect(r.map((m) => m.cx)).toEqual(l.map((m) => CHART_WIDTH - m.cx));
    expect(r[0].cx).toBeGreaterThan(r[r.length - 1].cx);
    const axisX = (svg: string) => Number(/<g class="axis share"[^>]*>\n<line [^>]*\/>\n<text x="([\d.]+)"/.exec(svg)![1]);
    expect(axisX(ltr)).toBeLessThan(CHART_WIDTH / 2);
    expect(axisX(rtl)).toBeGreaterThan(CHART_WIDTH / 2);
  });

  it.runIf(xmllintAvailable())("is well-formed XML, as a file with its generated note", () => {
    const svg = file(plan(TREND), "checkout.trend.svg")!;
    const result = spawnSync("xmllint", ["--noout", "-"], { input: svg, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("no chart for an empty trend (no case kept) or an analysis without --every", () => {
    expect(renderTrendChart([], LANGUAGES.en, "x")).toBeUndefined();
    expect(file(plan(with_({ trend: [], cases: 0, segments: undefined, by: undefined })), "checkout.trend.svg")).toBeUndefined();
    expect(file(plan(PLAIN), "checkout.trend.svg")).toBeUndefined();
  });
});

describe("the report and the map: segments, trend, scope", () => {
  it("the report: every segment (missing last, in italics), the trend table with the chart linked, the scope in one line", () => {
    const p = plan(TREND);
    const md = file(p, "checkout.md")!;
    expect(md).toContain(
      "_Events from 2026-03-01T00:00:00Z to 2026-03-31T23:58:12.500Z; cases whose path starts at or after 2026-03-01T00:00:00Z; each path cut 1 d after its first step._",
    );
    expect(rows(section(md, "Segments by device"))).toEqual([
      "| Value | Cases | Conversion | Fitness |",
      "| mobile | 560 | 50.0% | 85.0% |",
      "| desktop | 400 | 57.5% | 90.0% |",
      "| _(missing)_ | 40 | 50.0% | 87.5% |",
    ]);
    const trend = section(md, "Trend");
    expect(trend).toContain("![Trend chart (SVG)](checkout.trend.svg)");
    expect(rows(trend)).toEqual([
      "| Bucket from | Cases | Conversion | Fitness |",
      "| Feb 23, 2026 | 40 | 50.0% | 87.5% |",
      "| Mar 2, 2026 | 260 | 50.0% | 85.0% |",
      "| Mar 9, 2026 | 250 | 54.8% | 87.2% |",
      "| Mar 16, 2026 | 0 | — | — |",
      "| Mar 23, 2026 | 300 | 55.0% | 88.0% |",
      "| Mar 30, 2026 | 150 | 52.0% | 88.0% |",
    ]);
    // The chart file: the generated note, then the SVG the map shows inline, byte for byte.
    const svg = file(p, "checkout.trend.svg")!;
    expect(svg.split("\n")[0]).toMatch(/^<!-- generated by journey render from [^\n]+; do not edit -->$/);
    expect(svg.split("\n")[1]).toMatch(/^<svg /);
    const html = file(p, "checkout.html")!;
    expect(html).toContain(`<figure class="trend">${svg.slice(svg.indexOf("\n") + 1)}</figure>`);
  });

  it("in Arabic and Danish: labels, dates and shares in the language; times isolated in the right-to-left report", () => {
    const ar = file(plan(TREND, "ar"), "checkout.md")!;
    expect(ar).toContain(`؛ ${LANGUAGES.ar.breakdown.scope.since.replace("{since}", "\u20682026-03-01T00:00:00Z\u2069")}`);
    expect(ar).toContain(`### ${LANGUAGES.ar.breakdown.trendHeading}\n`);
    expect(ar).toContain("| 16 مارس 2026 | 0 | — | — |");
    const da = file(plan(TREND, "da"), "checkout.md")!;
    expect(da).toContain("### Segmenter efter device\n");
    expect(da).toContain("| _(mangler)_ | 40 | 50,0\u00a0% | 87,5\u00a0% |");
    expect(da).toContain("| 9. mar. 2026 | 250 | 54,8\u00a0% | 87,2\u00a0% |");
    expect(da).toContain("hver vej afskåret 1 d efter dens første trin.");
  });

  it("the map: the same tables, with header cells, and the scope's times left to right", () => {
    const html = file(plan(TREND, "ar"), "checkout.html")!;
    const t = LANGUAGES.ar;
    const segments = /<table class="breakdown" data-table="segments">(.*?)<\/table>/.exec(html)![1];
    expect([...segments.matchAll(/<tr data-value="([^"]*)" data-missing="(\w+)"><th scope="row" dir="auto">(.*?)<\/th>/g)].map((m) => m.slice(1))).toEqual([
      ["mobile", "false", "mobile"],
      ["desktop", "false", "desktop"],
      ["", "true", `<em>${t.breakdown.missing}</em>`],
    ]);
    const trend = /<table class="breakdown" data-table="trend">(.*?)<\/table>/.exec(html)![1];
    expect([...trend.matchAll(/<tr data-from="([^"]+)">/g)].map((m) => m[1])).toEqual(TREND.trend!.map((b) => b.from));
    expect(trend).toContain(`<th scope="col">${t.breakdown.bucketStart}</th>`);
    expect(html).toContain('<span dir="ltr">2026-03-01T00:00:00Z</span>');
    expect(html).not.toContain("\\u2068"); // no isolate shown as an escape
  });

  it.each([
    ["no scope given", {}, "Events from 2026-03-01T00:00:00Z to 2026-03-31T23:58:12.500Z; all cases counted; whole paths (no window)."],
    [
      "--until alone, a window of 90 minutes",
      { started: { since: null, until: "2026-03-15T00:00:00Z" }, window_seconds: 5400 },
      "Events from 2026-03-01T00:00:00Z to 2026-03-31T23:58:12.500Z; cases whose path starts before 2026-03-15T00:00:00Z; each path cut 1 h 30 min after its first step.",
    ],
    [
      "--since and --until, no rows read",
      { period: null, started: { since: "2026-03-01T00:00:00Z", until: "2026-04-01T00:00:00Z" } },
      "No events read; cases whose path starts from 2026-03-01T00:00:00Z to before 2026-04-01T00:00:00Z; whole paths (no window).",
    ],
  ] as const)("the scope line: %s", (_what, change, line) => {
    const analysis: AnalysisResult = { ...PLAIN, ...change };
    expect(scopeLine(analysis, LANGUAGES.en)).toBe(line);
  });

  it("a segment value is the user's text: escaped in the report and the map; an empty trend says so", () => {
    const hostile = with_({
      by: "utm|source",
      segments: [{ ...TREND.segments![0], value: "<b>a|b</b> *x*", cases: 1000 }],
      trend: [],
      cases: 1000,
    });
    const p = plan({ ...hostile, cases: 1000 });
    const md = file(p, "checkout.md")!;
    expect(md).toContain("### Segments by utm|source\n");
    expect(md).toContain("| &lt;b&gt;a\\|b&lt;/b&gt; \\*x\\* | 1,000 | 50.0% | 85.0% |");
    expect(section(md, "Trend")).toContain("No case was kept, so there is no trend.");
    const html = file(p, "checkout.html")!;
    expect(html).toContain('<code dir="auto">utm|source</code>');
    expect(html).toContain('<th scope="row" dir="auto">&lt;b&gt;a|b&lt;/b&gt; *x*</th>');
  });
});

describe("<id>.trend.svg among render's outputs", () => {
  it("written with the report, checked by --check, removed when the analysis no longer has a trend", () => {
    const out = join(tempProject({}), "docs");
    const withTrend = plan(TREND, "en", out);
    expect(writeOutputs(out, withTrend.files, false).refused).toEqual([]);
    expect(compareOutputs(out, withTrend)).toMatchObject({ stale: [], missing: [], orphaned: [] });
    // Edited by hand: stale.
    writeFileSync(join(out, "checkout.trend.svg"), file(withTrend, "checkout.trend.svg")!.replace("#0a5bb5", "#ff0000"));
    expect(compareOutputs(out, withTrend).stale).toEqual(["checkout.trend.svg"]);
    // The analysis without --every: the chart is an orphan that render removes; then --check is clean.
    const plain = plan(PLAIN, "en", out);
    writeOutputs(out, plain.files, false);
    expect(orphanedFiles(out, plain)).toEqual(["checkout.trend.svg"]);
    expect(removeOrphans(out, plain)).toEqual(["checkout.trend.svg"]);
    expect(compareOutputs(out, plain)).toMatchObject({ stale: [], missing: [], orphaned: [] });
  });
});

describe("read-result: the new fields of a malformed analysis are named", () => {
  const mutate = (change: (a: Record<string, unknown> & AnalysisResult) => void) => {
    const data = JSON.parse(TREND_TEXT) as Record<string, unknown> & AnalysisResult;
    change(data);
    return JSON.stringify(data);
  };
  it.each([
    ["segments without by", mutate((a) => delete a.by), "`segments` without `by` (the column they are by)"],
    ["by without segments", mutate((a) => delete a.segments), "`by` without `segments`"],
    ["a segment value that is a number", mutate((a) => ((a.segments![0] as unknown as { value: number }).value = 3)), "`segments[0].value` must be a string"],
    ["a segment's share above 1", mutate((a) => (a.segments![1].conversion = 57.5)), "`segments[1].conversion` must be a number from 0 to 1"],
    [
      "a segment step half measured",
      mutate((a) => (a.segments![0].steps[5].reached = 3)),
      "`segments[0].steps[5].reached` and `segments[0].steps[5].ended_here` must both be null",
    ],
    [
      "segments that do not add up",
      mutate((a) => (a.segments![0].cases = 500)),
      "the segments' cases add up to 940, but `cases` is 1000: every case is in one segment",
    ],
    ["a value listed twice", mutate((a) => (a.segments![1].value = "mobile")), '`segments[1].value` "mobile" is listed twice'],
    ["the missing value not last", mutate((a) => a.segments!.reverse()), "`segments[1]` comes after the segment without a value (null), which is listed last"],
    [
      "a step the journey lacks, in a segment",
      mutate((a) => (a.segments![2].steps[0].id = "browses")),
      "it names step `browses`, which journey `checkout` does not have",
    ],
    ["an empty bucket with a share", mutate((a) => (a.trend![3].conversion = 0)), "`trend[3]` has no cases, so its `conversion` and `fitness` must be null"],
    [
      "a bucket with cases and no share",
      mutate((a) => (a.trend![1].fitness = null)),
      "`trend[1]` has cases, so its `conversion` and `fitness` must be numbers",
    ],
    ["a bucket time that is not UTC", mutate((a) => (a.trend![0].from = "2026-02-23")), "`trend[0].from` must be a UTC time like 2026-01-31T23:59:59Z"],
    [
      "buckets out of order",
      mutate((a) => ([a.trend![1], a.trend![2]] = [a.trend![2], a.trend![1]])),
      "`trend[2].from` is not after `trend[1].from`: buckets are in time order",
    ],
    [
      "a trend that does not add up",
      mutate((a) => (a.trend![0].cases = 41)),
      "the trend's cases add up to 1001, but `cases` is 1000: every case is in one bucket",
    ],
    ["a window that is not whole", mutate((a) => (a.window_seconds = 1.5)), "`window_seconds` must be a whole number, 0 or more"],
    [
      "a since that is not a time",
      mutate((a) => (a.started = { since: "yesterday", until: null })),
      "`started.since` must be a UTC time like 2026-01-31T23:59:59Z",
    ],
  ])("%s", (_what, content, message) => {
    const dir = tempProject({ "a.json": content });
    const { analyses, problems } = readAnalyses([{ path: join(dir, "a.json"), shown: "a.json", journeys: [CHECKED.model!.journey] }]);
    expect(analyses.size).toBe(0);
    expect(problems).toHaveLength(1);
    expect(problems[0].message.startsWith("a.json: ")).toBe(true);
    expect(problems[0].message).toContain(message);
  });

  it("the fixture itself is read as it is", () => {
    const dir = tempProject({ "a.json": TREND_TEXT });
    const { analyses, problems } = readAnalyses([{ path: join(dir, "a.json"), shown: "a.json", journeys: [CHECKED.model!.journey] }]);
    expect(problems).toEqual([]);
    expect(analyses.get("checkout")).toEqual(TREND);
  });
});
