import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cursorContext, parseLoose } from "../../src/project/cursor.js";
import { Project } from "../../src/project/project.js";
import { removeTempProjects, tempProject } from "../helpers/index.js";

afterAll(removeTempProjects);

const CONFIG = `channels:
  email: { name: Email, mode: async }
  live-chat: { name: Live chat, mode: sync }
teams:
  support: { name: Support }
`;
const JOURNEY = `journey: 1
id: checkout
title: Checkout
goal:
  steps: [paid]
stages:
  - id: buy
    name: Buy
    steps:
      - id: asks
        name: Asks
        type: contact
        channel: emial
        next: [answer]
      - id: answer
        name: Answer
        type: response
        answers: asks
        actor: support
        channel: [email, live-chat]
        next:
          - { to: paid, when: yes }
      - id: paid
        name: Paid
`;

describe("the project model", () => {
  it("indexes step ids, references and catalogs, and checks a journey as lint does", () => {
    const dir = tempProject({ "journey.config.yaml": CONFIG, "a.journey.yaml": JOURNEY, ".git/HEAD": "" });
    const project = new Project([dir]);
    project.scan();
    // Read, not parsed, until a request or the background slices index it.
    expect(project.journeys().map((f) => f.indexed)).toEqual([false]);
    expect(project.indexSome(10_000)).toBe(false);
    expect(project.journeys().map((f) => f.indexed)).toEqual([true]);
    const file = project.get(join(dir, "a.journey.yaml"))!;
    expect(file.index.journeyId).toBe("checkout");
    const refs = file.index.occurrences.filter((o) => o.kind === "step" && o.id === "paid");
    expect(refs.map((o) => o.declaration)).toEqual([false, false, true]);
    expect(file.index.occurrences.filter((o) => o.kind === "channel").map((o) => o.id)).toEqual(["emial", "email", "live-chat"]);
    expect(project.catalogFor(file.path).map((e) => e.id)).toEqual(["email", "live-chat", "support"]);
    const checked = project.check(file.path)!;
    expect(checked.findings.map((f) => f.ruleId)).toContain("channel-unknown");
    project.setText(file.path, JOURNEY.replace("emial", "email"));
    expect(project.check(file.path)!.findings.map((f) => f.ruleId)).not.toContain("channel-unknown");
    expect(project.occurrencesOf("channel", "email", join(dir, "journey.config.yaml")).length).toBe(3);
  });

  it("finds the path at a cursor in half-typed text", () => {
    const at = (text: string) => {
      const offset = text.indexOf("|");
      const clean = text.replace("|", "");
      return cursorContext(parseLoose(clean), clean, offset);
    };
    expect(at("steps:\n  - id: a\n    channel: |\n")?.path).toEqual(["steps", 0, "channel"]);
    expect(at("steps:\n  - id: a\n    channel: em|ail\n")).toMatchObject({ path: ["steps", 0, "channel"], prefix: "em", replace: [30, 35] });
    expect(at("steps:\n  - id: a\n    channel: [email, |]\n")?.path).toEqual(["steps", 0, "channel", 1]);
    expect(at("steps:\n  - id: a\n    channel: [email, |\n")?.path.slice(0, 3)).toEqual(["steps", 0, "channel"]);
    expect(at('steps:\n  - id: a\n    name: "unclosed\n    next:\n      - |\n')?.path.slice(-2)).toEqual(["next", 0]);
  });
});
