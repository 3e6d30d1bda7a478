import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { colorFor, colorLevel, PLAIN } from "../../src/report/color.js";

// src/report/color.ts: with colour off a report gets PLAIN, which stands in for chalk without
// loading it; it must write exactly what chalk writes at level 0.
describe("the colours of a report", () => {
  const chalk = new Chalk({ level: 0 });
  const styles = ["dim", "bold", "red", "yellow", "green", "blue", "underline", "gray"] as const;

  it("PLAIN writes what chalk writes with colour off, through any chain of styles", () => {
    for (const style of styles) {
      expect(PLAIN[style]("text")).toBe(chalk[style]("text"));
      expect(PLAIN[style].bold("a", 1, "b")).toBe(chalk[style].bold("a", 1, "b"));
      expect(PLAIN.yellow[style](42)).toBe(chalk.yellow[style](42));
      expect(PLAIN[style]("")).toBe(chalk[style](""));
      expect(PLAIN[style](undefined)).toBe(chalk[style](undefined));
    }
    expect(PLAIN("a", "b")).toBe(chalk("a", "b"));
    expect(PLAIN.level).toBe(0);
  });

  it("gives PLAIN with colour off, and chalk at the level asked for otherwise; a promise of PLAIN settles", async () => {
    expect(await colorFor({ isTTY: false }, {}, {})).toBe(PLAIN);
    expect(await colorFor({ isTTY: true }, { color: false }, {})).toBe(PLAIN);
    expect(await colorFor({ isTTY: true }, {}, { NO_COLOR: "1" })).toBe(PLAIN);
    const forced = await colorFor({ isTTY: false }, {}, { FORCE_COLOR: "3" });
    expect(forced.level).toBe(3);
    expect(forced.red("x")).toBe(new Chalk({ level: 3 }).red("x"));
    const terminal = await colorFor({ isTTY: true }, {}, { TERM: "xterm" });
    expect([terminal.level, terminal.bold("x")]).toEqual([1, "\u001b[1mx\u001b[22m"]);
    expect(colorLevel({ isTTY: true }, {}, { TERM: "dumb" })).toBe(0);
  });
});
