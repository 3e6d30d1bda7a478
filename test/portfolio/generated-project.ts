/**
 * A generated project of dozens of journeys whose portfolio is known by construction: each
 * aggregate follows from the journey's number `i` by the rules below, and `expectedJson` writes
 * the JSON from those rules alone (never from the code under test).
 */
export const JOURNEYS = 36;
export const TODAY = "2026-12-01";

const id = (i: number) => `j${String(i).padStart(2, "0")}`;
const personaOf = (i: number): { id: string | null; name: string } | null =>
  i % 3 === 0 ? { id: "p-a", name: "Persona A" } : i % 3 === 1 ? { id: "p-b", name: "Persona B" } : i % 9 === 8 ? null : { id: null, name: "Walk-in" };
const stagesOf = (i: number) => ["discover", ...(i % 2 === 0 ? ["buy"] : []), ...(i % 3 === 0 ? ["use"] : []), ...(i % 7 === 0 ? ["leave"] : [])];
const handoffOf = (i: number): { from: string; to: string | null } | undefined =>
  i % 4 === 0 ? { from: "sales", to: "support" } : i % 4 === 1 ? { from: "support", to: "billing" } : i % 12 === 2 ? { from: "support", to: null } : undefined;
const measured = (i: number) => i % 6 === 0;
const lostAtDiscover = (i: number) => 10 + i;

interface StepPlan {
  id: string;
  stage: string;
  channels: string[];
  handoff?: { from: string; to: string | null };
  emotion?: number;
  pain: string[];
  opportunities: string[];
  /** [reached, ended_here] when measured. */
  metrics?: [number, number];
  /** Lost after, by the figures' definition: the ended_here of a measured step whose successor is measured, 0 at the goal. */
  lost: number | null;
}

function stepsOf(i: number): StepPlan[] {
  const steps: StepPlan[] = [];
  const m = measured(i);
  const lost = lostAtDiscover(i);
  for (const stage of stagesOf(i)) {
    if (stage === "discover") {
      steps.push({
        id: "discover-s",
        stage,
        channels: i === 5 ? ["web", "kiosk"] : ["web"],
        emotion: i % 2 === 0 ? -1 : 0,
        pain: ["Slow page"],
        opportunities: i % 2 === 1 ? [`Idea ${i}`] : [],
        ...(m ? { metrics: [100, lost] as [number, number] } : {}),
        lost: m ? lost : null,
      });
      const handoff = handoffOf(i);
      if (handoff)
        steps.push({
          id: "hand",
          stage,
          channels: [],
          handoff,
          pain: [],
          opportunities: [],
          ...(m ? { metrics: [100 - lost, 0] as [number, number] } : {}),
          lost: m ? 0 : null,
        });
    }
    if (stage === "buy")
      steps.push({
        id: "buy-s",
        stage,
        channels: ["phone"],
        emotion: 1,
        pain: [],
        opportunities: [`Offer ${i}`],
        ...(m ? { metrics: [100 - lost, 5] as [number, number] } : {}),
        lost: m ? 5 : null,
      });
    if (stage === "use")
      steps.push({
        id: "use-s",
        stage,
        channels: ["web", "chat"],
        pain: [],
        opportunities: [],
        ...(m ? { metrics: [95 - lost, 0] as [number, number] } : {}),
        lost: m ? 0 : null,
      });
    if (stage === "leave")
      steps.push({
        id: "leave-s",
        stage,
        channels: [],
        pain: [],
        opportunities: [],
        ...(m ? { metrics: [95 - lost, 0] as [number, number] } : {}),
        lost: m ? 0 : null,
      });
  }
  return steps;
}

function journeyText(i: number): string {
  const persona = personaOf(i);
  const steps = stepsOf(i);
  const lines = [
    "journey: 1",
    `id: ${id(i)}`,
    `title: Journey ${i}`,
    ...(persona === null ? [] : persona.id ? [`persona: ${persona.id}`] : [`persona: { name: ${persona.name} }`]),
    ...(i === 5 ? ["channels:", "  kiosk: { name: Kiosk, mode: sync, self_service: true }"] : []),
    `goal: { steps: [${steps[steps.length - 1].id}] }`,
    ...(i % 2 === 0 ? ["reviewed: 2026-10-01"] : []),
    ...(measured(i) ? ['measured: { from: "2026-03-01T00:00:00Z", to: "2026-03-31T23:59:59Z", cases: 100, conversion: 0.5, fitness: 1 }'] : []),
    "stages:",
  ];
  for (const stage of stagesOf(i)) {
    lines.push(`  - id: ${stage}`, "    steps:");
    for (const step of steps.filter((s) => s.stage === stage)) {
      const fields = [`id: ${step.id}`, `name: Step ${step.id}`];
      if (step.channels.length > 0) fields.push(`channel: [${step.channels.join(", ")}]`);
      if (step.handoff) fields.push("type: handoff", `from: ${step.handoff.from}`, ...(step.handoff.to ? [`to: ${step.handoff.to}`] : []));
      if (step.emotion !== undefined) fields.push(`emotion: ${step.emotion}`);
      if (step.pain.length > 0) fields.push(`pain_points: [${step.pain.join(", ")}]`);
      if (step.opportunities.length > 0) fields.push(`opportunities: [${step.opportunities.join(", ")}]`);
      if (step.metrics) fields.push(`metrics: { reached: ${step.metrics[0]}, ended_here: ${step.metrics[1]} }`);
      lines.push(`      - { ${fields.join(", ")} }`);
    }
  }
  return lines.join("\n") + "\n";
}

export const CONFIG = `channels:
  web: { name: Website, mode: async }
  phone: { name: Phone, mode: sync }
  chat: { name: Live chat, mode: sync }
  fax: { name: Fax, mode: async }
personas:
  p-a: { name: Persona A }
  p-b: { name: Persona B }
  p-c: { name: Persona C }
teams:
  sales: { name: Sales }
  support: { name: Support }
  billing: { name: Billing }
stages:
  use: { name: Use }
  discover: { name: { en: Discover, da: Opdag } }
  buy: { name: Buy }
  advocate: { name: Advocate }
portfolio:
  stale_after: 90
`;

/** The project's files: the config and every journey under journeys/. */
export function generatedFiles(): Record<string, string> {
  const files: Record<string, string> = { "journey.config.yaml": CONFIG };
  for (let i = 0; i < JOURNEYS; i++) files[`journeys/${id(i)}.journey.yaml`] = journeyText(i);
  return files;
}

const all = Array.from({ length: JOURNEYS }, (_, i) => i);

/** The JSON `journey portfolio --format json --today TODAY` prints, from the rules above. */
export function expectedJson() {
  const coverageStages = ["use", "discover", "buy", "advocate", "leave"];
  const personaGroups: { id: string | null; name: string | null; member: (i: number) => boolean }[] = [
    { id: "p-a", name: "Persona A", member: (i) => i % 3 === 0 },
    { id: "p-b", name: "Persona B", member: (i) => i % 3 === 1 },
    { id: "p-c", name: "Persona C", member: () => false },
    { id: null, name: "Walk-in", member: (i) => i % 3 === 2 && i % 9 !== 8 },
    { id: null, name: null, member: (i) => i % 9 === 8 },
  ];
  const uses = (channel: string) =>
    all.flatMap((i) =>
      stepsOf(i)
        .filter((step) => step.channels.includes(channel))
        .map((step) => ({ journey: id(i), step: step.id })),
    );
  const count = (test: (i: number) => boolean) => all.filter(test).length;
  type Entry = { kind: "pain" | "opportunity"; text: string; journey: string; step: string; emotion: number | null; lost: number | null };
  const backlog: Entry[] = [];
  // Measured losses, most first: the discover pains of the measured journeys (10 + i), then their buy opportunities (5 each).
  for (const i of all.filter(measured).reverse())
    backlog.push({ kind: "pain", text: "Slow page", journey: id(i), step: "discover-s", emotion: -1, lost: lostAtDiscover(i) });
  for (const i of all.filter((i) => measured(i) && i % 2 === 0))
    backlog.push({ kind: "opportunity", text: `Offer ${i}`, journey: id(i), step: "buy-s", emotion: 1, lost: 5 });
  // Not measured, lowest emotion first: even journeys' pains (-1), odd journeys' pains and ideas (0), the buy opportunities (1).
  for (const i of all.filter((i) => !measured(i) && i % 2 === 0))
    backlog.push({ kind: "pain", text: "Slow page", journey: id(i), step: "discover-s", emotion: -1, lost: null });
  // Odd journeys: the pain and the idea of one step, by journey id, pain first.
  for (const i of all.filter((i) => i % 2 === 1)) {
    backlog.push({ kind: "pain", text: "Slow page", journey: id(i), step: "discover-s", emotion: 0, lost: null });
    backlog.push({ kind: "opportunity", text: `Idea ${i}`, journey: id(i), step: "discover-s", emotion: 0, lost: null });
  }
  for (const i of all.filter((i) => !measured(i) && i % 2 === 0))
    backlog.push({ kind: "opportunity", text: `Offer ${i}`, journey: id(i), step: "buy-s", emotion: 1, lost: null });

  return {
    journeys: all.map((i) => ({
      id: id(i),
      title: `Journey ${i}`,
      file: `journeys/${id(i)}.journey.yaml`,
      persona: personaOf(i),
      stages: stagesOf(i),
      reviewed: i % 2 === 0 ? "2026-10-01" : null,
      measured_to: measured(i) ? "2026-03-31T23:59:59Z" : null,
      // stale_after 90 against 2026-12-01: the review of 2026-10-01 is fresh, the measurement of March is not, no date at all is stale.
      stale: measured(i) || i % 2 === 1,
    })),
    personas: personaGroups.map((group) => ({
      id: group.id,
      name: group.name,
      stages: Object.fromEntries(coverageStages.map((stage) => [stage, all.filter((i) => group.member(i) && stagesOf(i).includes(stage)).map(id)])),
    })),
    channels: [
      { id: "chat", name: "Live chat", mode: "sync", self_service: false, uses: uses("chat") },
      { id: "fax", name: "Fax", mode: "async", self_service: false, uses: [] },
      { id: "kiosk", name: "Kiosk", mode: "sync", self_service: true, uses: uses("kiosk") },
      { id: "phone", name: "Phone", mode: "sync", self_service: false, uses: uses("phone") },
      { id: "web", name: "Website", mode: "async", self_service: false, uses: uses("web") },
    ],
    unused_channels: ["fax"],
    handoffs: [
      { from: "sales", to: "support", count: count((i) => i % 4 === 0) },
      { from: "support", to: "billing", count: count((i) => i % 4 === 1) },
      { from: "support", to: null, count: count((i) => i % 4 === 2 && i % 12 === 2) },
    ],
    backlog,
    links: [],
  };
}
