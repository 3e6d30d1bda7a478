import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { toPosix } from "../../util/paths.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { journeyCommand } from "../../util/invocation.js";
import { schemasDir } from "../../validate/schema-validators.js";
import { EXIT, UsageError } from "../errors.js";
import { CONFIG_TEMPLATE, JOURNEY_TEMPLATE } from "./init-templates.js";

export const INIT_FILES = { config: "journey.config.yaml", journey: "first-purchase.journey.yaml" };

/** `journey init`: a config and one commented journey; refuses to overwrite anything. */
export function runInit(cwd: string): number {
  const targets = [INIT_FILES.config, INIT_FILES.journey].map((name) => join(cwd, name));
  const existing = targets.filter((path) => existsSync(path));
  if (existing.length > 0) {
    throw new UsageError(
      `${existing.map((p) => relative(cwd, p)).join(" and ")} already exist${existing.length === 1 ? "s" : ""}; journey init writes nothing over existing files`,
    );
  }
  const schemas = toPosix(relative(cwd, schemasDir())).replace(/\/$/, "") || ".";
  writeFileAtomic(targets[0], CONFIG_TEMPLATE.replaceAll("{{schemas}}", schemas));
  // The commands as they work here: `npx journey` in a project that has journey as a dependency.
  const journey = journeyCommand(cwd, process.argv[1]);
  writeFileAtomic(targets[1], JOURNEY_TEMPLATE.replaceAll("{{schemas}}", schemas).replaceAll("{{journey}}", journey));
  process.stdout.write(
    `Wrote ${INIT_FILES.config} and ${INIT_FILES.journey}.\nNext: edit the journey, then check it and write its report:\n  ${journey} lint\n  ${journey} render\n`,
  );
  return EXIT.ok;
}
