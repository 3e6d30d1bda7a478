import { describe, expect, it } from "vitest";
import { brief, check } from "../helpers/index.js";

// Exact positions: 1-based lines and columns, end column exclusive.
describe("finding positions", () => {
  it("points at an unknown key deep in a block-style file", () => {
    const text = `journey: 1
id: deep
title: Deep
goal:
  steps: [c]
stages:
  - id: one
    steps:
      - id: a
        name: A
      - id: b
        name: B
        metrics:
          reachd: 10
      - id: c
        name: C
`;
    expect(brief(text)).toEqual([{ ruleId: "schema", messageId: "additionalProperties", line: 14, column: 11, endLine: 14, endColumn: 17 }]);
    expect(check(text).findings[0].message).toBe("unknown key `reachd`; did you mean `reached`?");
  });

  it("points at a bad value in flow style", () => {
    const text = `journey: 1
id: flow
title: Flow
goal: { steps: [a] }
stages: [{ id: s, steps: [{ id: a, name: A, emotion: 7 }] }]
`;
    expect(brief(text)).toEqual([{ ruleId: "schema", messageId: "maximum", line: 5, column: 54, endLine: 5, endColumn: 55 }]);
  });

  it("points at the key's parent for a missing required key", () => {
    const text = `journey: 1
id: missing
title: Missing
goal: { steps: [a] }
stages:
  - id: s
    steps:
      - id: a
        channel: web
`;
    const [finding] = check(text).findings;
    expect(finding).toMatchObject({ ruleId: "schema", line: 8, column: 9, endLine: 10, endColumn: 1 });
    expect(finding.message).toBe("this step is missing the required key `name`");
  });

  it("counts columns in characters in Cyrillic files", () => {
    const text = `journey: 1
id: доставка
title: Клиент не находит информацию о доставке
goal: { steps: [заказ] }
stages:
  - id: покупка
    steps:
      - { id: вопрос, name: "Спрашивает в чате", next: [ответ-агента] }
      - { id: заказ, name: "Оформляет заказ" }
`;
    expect(brief(text)).toEqual([{ ruleId: "unknown-reference", messageId: "step", line: 8, column: 57, endLine: 8, endColumn: 69 }]);
  });

  it("counts columns in characters in Arabic files", () => {
    const text = `journey: 1
id: تجربة
title: تجربة مجانية
goal: { steps: [اشتراك] }
stages:
  - id: شراء
    steps:
      - id: تسجيل
        name: يسجل في التجربة
        عاطفة: 1
      - id: اشتراك
        name: يشترك
`;
    const findings = brief(text);
    expect(findings).toEqual([{ ruleId: "schema", messageId: "additionalProperties", line: 10, column: 9, endLine: 10, endColumn: 14 }]);
  });

  it("reports a misspelt enum value at the value with a suggestion", () => {
    const text = `journey: 1
id: enum
title: Enum
goal: { steps: [a] }
stages:
  - id: s
    steps:
      - id: a
        name: A
        lane: frontstag
`;
    const [finding] = check(text).findings;
    expect(finding).toMatchObject({ line: 10, column: 15, endColumn: 24 });
    expect(finding.message).toContain("did you mean `frontstage`?");
  });

  it("reports a bad map key (channel id) at the key", () => {
    const text = `journey: 1
id: keys
title: Keys
goal: { steps: [a] }
channels:
  Live Chat: { name: Live chat, mode: sync }
stages: [{ id: s, steps: [{ id: a, name: A }] }]
`;
    const [finding] = check(text).findings;
    expect(finding).toMatchObject({ ruleId: "schema", line: 6, column: 3, endColumn: 12 });
    expect(finding.message).toMatch(/`Live Chat` is not a valid id.*`live-chat`/);
  });
});
