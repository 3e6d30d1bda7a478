// Where a lint of many files spends its time, per stage, on one thread, in process (issue 27):
// `node bench/stages.mjs <corpus folder> [dist folder]` after `npm run build`. Each stage is timed
// on its own over every file (three rounds: the first includes the JIT's warm-up), beside a bare
// yaml parseDocument of the same text, and the bytes a worker would post back (v8.serialize of
// checkOne's slim result). Times are in ms summed over the files; read them as shares of one run.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serialize } from "node:v8";
import { LineCounter, parseDocument } from "yaml";
const dir = process.argv[2];
const D = process.argv[3] ?? new URL("../dist", import.meta.url).pathname;
if (!dir) {
  console.error("usage: node bench/stages.mjs <folder with journey.config.yaml and journeys> [dist folder]");
  process.exit(2);
}
const { loadConfigFile } = await import(`${D}/config/load.js`);
const { parseYaml } = await import(`${D}/load/parse.js`);
const { schemaFindings } = await import(`${D}/validate/schema.js`);
const { validateJourneySchema } = await import(`${D}/validate/schema-validators.js`);
const { referenceFindings } = await import(`${D}/validate/references.js`);
const { writtenLinks } = await import(`${D}/validate/journey-links.js`);
const { eventMappingFindings } = await import(`${D}/validate/event-mapping.js`);
const { buildJourney } = await import(`${D}/model/build.js`);
const { buildFlowGraph } = await import(`${D}/model/flow-graph.js`);
const { checkJourneyText } = await import(`${D}/check.js`);
const { lintFile } = await import(`${D}/lint/lint-file.js`);
const { checkOne } = await import(`${D}/lint/run-files.js`);
const config = loadConfigFile(join(dir, "journey.config.yaml")).config;
const files = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith(".journey.yaml")) files.push(p);
  }
};
walk(dir);
const texts = files.map((f) => readFileSync(f, "utf8"));
const t = {};
const time = (k, f) => {
  const s = process.hrtime.bigint();
  const r = f();
  t[k] = (t[k] ?? 0) + Number(process.hrtime.bigint() - s) / 1e6;
  return r;
};
for (let round = 0; round < 3; round++) {
  for (const k in t) t[k] = 0;
  let bytes = 0;
  texts.forEach((text, i) => {
    time("bare parseDocument", () => parseDocument(text, { lineCounter: new LineCounter() }));
    const p = time("parseYaml", () => parseYaml(text, config.limits));
    time("schema", () => schemaFindings(validateJourneySchema, p.data, p.locator));
    time("references", () => referenceFindings(p.data, config, p.locator));
    time("links", () => writtenLinks(p.data, p.locator));
    time("eventMapping", () => eventMappingFindings(p.data, p.locator));
    const j = time("buildJourney", () => buildJourney(p.data, config));
    time("flowGraph", () => buildFlowGraph(j));
    const c = time("checkJourneyText", () => checkJourneyText(files[i], text, config));
    time("lintFile", () => lintFile(c, config, {}));
    const slim = time("checkOne (read..slim)", () => checkOne(files[i], config, { lint: true }));
    bytes += time("serialize", () => serialize(slim).length);
  });
  console.log(`round ${round}: ${JSON.stringify(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, +v.toFixed(0)])))} clone bytes ${bytes}`);
}
