import { describe, expect, it } from "vitest";
import { check, MINIMAL } from "../helpers/index.js";

const withStepLine = (line: string) => MINIMAL + `        ${line}\n`;

describe("schema messages say what was expected", () => {
  const cases: [string, string, string][] = [
    ["misspelt key", "chanel: web", "unknown key `chanel`; did you mean `channel`?"],
    [
      "unknown key far from any",
      "zzzzzz: 1",
      "unknown key `zzzzzz`; allowed keys here: id, name, description, actor, lane, type, channel, emotion, thoughts, pain_points, opportunities, metrics, events, next, answers, outcome, owner, from, to, collects (and any key starting with `x-`)",
    ],
    ["misspelt enum value", "type: contakt", "`type` must be one of action, contact, response, handoff, decision, end, not `contakt`; did you mean `contact`?"],
    ["emotion out of range", "emotion: -3", "`emotion` must be at least -2, not -3 (-2 very negative .. 2 very positive)"],
    ["emotion as a fraction", "emotion: 1.5", "`emotion` must be an integer, not 1.5"],
    ["emotion as text", "emotion: happy", "`emotion` must be an integer, not text `happy`"],
    ["emotion as .nan", "emotion: .nan", "`emotion` must be an integer, not NaN"],
    ["emotion as 1e309", "emotion: 1e309", "`emotion` must be an integer, not Infinity"],
    ["list of pain points as text", "pain_points: slow", "`pain_points` must be an array, not text `slow`"],
    ["empty channel list", "channel: []", "`channel` must list at least 1 item"],
    ["repeated channel", "channel: [web, web]", "`channel` lists `web` twice"],
    ["bad id in next", "next: [Pay Now]", "`Pay Now` is not a valid id: use lowercase letters or digits joined by single hyphens, e.g. `pay-now`"],
    ["path traversal id", "next: ../etc", "`../etc` is not a valid id: use lowercase letters or digits joined by single hyphens, e.g. `etc`"],
    ["x- extension keys are allowed", "x-jira: CX-12", ""],
  ];
  for (const [name, line, message] of cases) {
    it(name, () => {
      const text = withStepLine(line).replace("        channel: web\n", line.startsWith("channel") ? "" : "        channel: web\n");
      const messages = check(text).findings.map((f) => f.message);
      expect(messages).toEqual(message ? [message] : []);
    });
  }

  it("the format version must be 1", () => {
    expect(check(MINIMAL.replace("journey: 1", "journey: 2")).findings.map((f) => f.message)).toEqual(["`journey` must be 1 (the format version)"]);
  });

  it("a missing top-level key names the journey", () => {
    expect(check(MINIMAL.replace("title: Minimal journey\n", "")).findings.map((f) => [f.message, f.line])).toEqual([
      ["the journey is missing the required key `title`", 1],
    ]);
  });
});
