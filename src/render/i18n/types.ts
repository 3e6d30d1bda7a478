/** Every piece of text a rendered report or diagram shows that is not the user's own. */
export interface Labels {
  /** Language code and writing direction. */
  lang: string;
  dir: "ltr" | "rtl";
  /** Headings */
  persona: string;
  goals: string;
  needs: string;
  frustrations: string;
  businessGoal: string;
  goalReachedAt: string;
  keyFigures: string;
  journeyDiagram: string;
  flowDiagram: string;
  stageByStage: string;
  channelCoverage: string;
  painPointsAndOpportunities: string;
  funnel: string;
  findings: string;
  /** Figure captions */
  journeyDiagramCaption: string;
  flowDiagramCaption: string;
  channelCoverageCaption: string;
  funnelCaption: string;
  /** Table headers and labels */
  figure: string;
  value: string;
  stages: string;
  steps: string;
  channels: string;
  shortestPath: string;
  /** `{count}` is replaced by the number of steps. */
  shortestPathSteps: string;
  goalNotReachable: string;
  contacts: string;
  answered: string;
  notAnswered: string;
  noContacts: string;
  errors: string;
  warnings: string;
  infos: string;
  stage: string;
  step: string;
  actor: string;
  channel: string;
  emotion: string;
  thoughts: string;
  painPoints: string;
  opportunities: string;
  reached: string;
  dropOff: string;
  severity: string;
  rule: string;
  message: string;
  line: string;
  noFindings: string;
  noPainPoints: string;
  noMetrics: string;
  frontstage: string;
  backstage: string;
  /** Index page */
  indexTitle: string;
  journey: string;
  health: string;
  healthy: string;
  /** Under the index: a journey whose files got another name (`{id}`, `{file}` are filled in). */
  renamed: string;
  /** Built-in actors */
  actors: { customer: string; agent: string; system: string };
  /** Default names of the five classic stages */
  stageNames: { awareness: string; consideration: string; purchase: string; retention: string; advocacy: string };
  /** Emotion scale -2..2 */
  emotions: { "-2": string; "-1": string; "0": string; "1": string; "2": string };
  outcomes: { success: string; abandoned: string; other: string };
  severities: { error: string; warning: string; info: string };
  /** The "Measured" section: figures from an event log (`journey analyze`). */
  measured: MeasuredLabels;
}

export interface MeasuredLabels {
  heading: string;
  caption: string;
  period: string;
  cases: string;
  conversion: string;
  fitness: string;
  funnelCaption: string;
  shareOfFirst: string;
  /** Without an analysis file: reached minus the reached of the steps it leads to (as `drop-off-high` counts). */
  lostAfter: string;
  /** With an analysis file: cases whose path ends at the step. */
  endedHere: string;
  timeBetweenSteps: string;
  timeCaption: string;
  from: string;
  to: string;
  transitions: string;
  inMap: string;
  median: string;
  deviations: string;
  noDeviations: string;
  variants: string;
  path: string;
  share: string;
  observedFlow: string;
  observedFlowCaption: string;
  /** Abbreviated units of a duration. */
  units: { d: string; h: string; min: string; s: string };
}
