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
  /** Before the goal steps' names; the form follows their number (no `{count}`). */
  goalReachedAt: Plural;
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
  shortestPathSteps: Plural;
  goalNotReachable: string;
  contacts: string;
  answered: string;
  notAnswered: string;
  /** After a finding silenced by a `# journey-disable` comment, before its reason. */
  suppressed: string;
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
  /** Before one pain point ("Pain point: ..."). */
  painPoint: string;
  opportunities: string;
  /** Before one opportunity. */
  opportunity: string;
  /** A step that continues in another journey: `{journey}` is that journey's title (a link). */
  continuesIn: string;
  /** A step where customers arrive from another journey: `{journey}` is that journey's title (a link to the step they come from). */
  continuedFrom: string;
  reached: string;
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
  /** The funnel's cells and definition lines (model/step-figures.ts). */
  figures: FigureLabels;
  /** The "Measured" section: figures from an event log (`journey analyze`). */
  measured: MeasuredLabels;
  /** An analysis' segments (`--by`) and trend (`--every`), and what it covered, in the report, the map and the trend chart. */
  breakdown: BreakdownLabels;
  /** `journey diff`'s Markdown. Templates: `{count}`, `{before}`, `{after}`, `{base}`, `{head}`, `{line}`, `{file}`. */
  diff: {
    title: string;
    compared: string;
    noChanges: string;
    journeysChanged: string;
    stepsAdded: string;
    stepsRemoved: string;
    stepsMoved: string;
    pathToGoal: string;
    newErrors: string;
    newWarnings: string;
    fixed: string;
    impact: string;
    before: string;
    after: string;
    changes: string;
    change: string;
    wholeJourney: string;
    handoffs: string;
    emotionLow: string;
    emotionAvg: string;
    goalReached: string;
    baseLine: string;
    flow: string;
    flowCaption: string;
    /** The last line of a Markdown diff cut at its size limit: `{count}` changes not listed. */
    truncated: string;
    renamedFrom: string;
    /** A lint finding new in the head, by its severity, and one fixed since the base; `{message}` is the finding's message. */
    findingNew: { error: string; warning: string; info: string };
    findingFixed: string;
    /** A step's link to another journey, new or gone: `{step}` the step's id, `{journey}` and `{link}` the other journey's id and step id. */
    linkAdded: string;
    linkRemoved: string;
    status: { added: string; removed: string; changed: string; unchanged: string };
  };
  /** The journey map (`<id>.html`, `index.html`) and `journey preview`. */
  map: MapLabels;
  /** A report's link to the image of a diagram (`{diagram}` is the diagram's heading), when images are rendered. */
  diagramImage: string;
  /** A report's link to its journey map as an image (`{format}`: PDF or PNG). */
  mapImage: string;
  /**
   * Lists in sentences and cells (`Intl.ListFormat`): CLDR's list type for the language (Arabic
   * takes "unit", CLDR's list with the Arabic comma "، "), and the last item of a shortened list.
   */
  lists: { type: "conjunction" | "unit"; more: Plural };
  /** Under a flow diagram drawn by stage because the full flow is past Mermaid's limits; `{count}` steps. */
  overviewNote: Plural;
  /** The index's column of links to each journey's images, when images are rendered. */
  images: string;
  /** `journey portfolio`'s Markdown and the rendered index (`index.md`, `index.html`). */
  portfolio: PortfolioLabels;
}

/** The portfolio: coverage, channels, handoffs, backlog, links and freshness across journeys. Templates: `{days}`, `{today}`, `{count}`, `{column}`, `{title}`. */
export interface PortfolioLabels {
  title: string;
  coverage: string;
  coverageCaption: string;
  /** The row of the journeys that name no persona. */
  noPersona: string;
  /** A coverage cell no journey fills. */
  notCovered: string;
  channelInventory: string;
  channelCaption: string;
  mode: string;
  uses: string;
  unusedChannels: string;
  handoffs: string;
  handoffsCaption: string;
  /** A handoff with no `to` team. */
  noTeam: string;
  noHandoffs: string;
  backlog: string;
  backlogCaption: string;
  kind: string;
  text: string;
  places: string;
  /** The accessible name of a sortable column's button. */
  sortBy: string;
  links: string;
  linksCaption: string;
  noLinks: string;
  unlinked: string;
  freshness: string;
  reviewed: string;
  measuredTo: string;
  stale: string;
  /** Under the freshness table of `journey portfolio`: what stale means. */
  staleCaption: string;
  never: string;
  conversion: string;
  /** A collapsed list: `{count}` more items inside. */
  showMore: Plural;
  /** The backlog's pager: `{page}` of `{pages}`, and its buttons. */
  page: string;
  previousPage: string;
  nextPage: string;
}

export interface FigureLabels {
  /** A step the event log does not show: no figures, not 0. */
  notMeasured: string;
  /** "Lost after" of a step whose every following step is not measured. */
  notMeasuredAfter: string;
  /** The one line under a measured funnel, `{cases}` the analysis' cases. */
  measuredDefinition: string;
  /** The one line under a funnel of hand-typed `metrics.reached`. */
  handTypedDefinition: string;
}

export interface MeasuredLabels {
  heading: string;
  caption: string;
  period: string;
  cases: string;
  conversion: string;
  fitness: string;
  /** The funnel's "lost after" column (model/step-figures.ts, docs/analyze.md). */
  lostAfter: string;
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

export interface BreakdownLabels {
  /** `{column}`: the `--by` column, as the analysis names it. */
  segmentsHeading: string;
  segmentsCaption: string;
  /** The segment of the cases whose first event has no value in the column (JSON `null`). */
  missing: string;
  trendHeading: string;
  trendCaption: string;
  /** The column of a trend bucket's first day. */
  bucketStart: string;
  /** Short series names: the chart's legend and the tables' headers. */
  conversion: string;
  fitness: string;
  /** The trend when no case was kept (an empty trend). */
  noCases: string;
  /** The chart's title (`{journey}`: the journey's title) and description (`{first}`, `{last}`: the first and last bucket, `{max}`: the most cases in one). */
  chartTitle: string;
  chartDescription: string;
  /** The report's link to the chart's SVG file. */
  chartLink: string;
  /** What the analysis covered, in one line: the period of the rows read, the cases kept (`--since`, `--until`) and the window. */
  scope: {
    period: string;
    noPeriod: string;
    allCases: string;
    since: string;
    until: string;
    between: string;
    window: string;
    noWindow: string;
    /** The line itself: `{period}`, `{cases}` and `{window}` are the pieces above, with the language's separators. */
    line: string;
  };
}

export interface MapLabels {
  /** After the journey's title in the page title. */
  title: string;
  /** Accessible name of the scrolling canvas; `{title}` is the journey's title. */
  canvas: string;
  scrollHint: string;
  stepNumber: string;
  customerActions: string;
  touchpoints: string;
  emotionCurve: string;
  lineOfVisibility: string;
  backstage: string;
  reachedAndDropOff: string;
  measuredRow: string;
  /** Findings with no step: about the whole journey. */
  journeyFindings: string;
  goalStep: string;
  owner: string;
  /** `{step}` is the name of the contact a response answers. */
  answers: string;
  modes: { sync: string; async: string; selfService: string };
  types: { action: string; contact: string; response: string; handoff: string; decision: string; end: string };
  noEmotion: string;
  /** The emotion curve's text equivalent: its main path, a branch, a point where a path stops, and a loop (`{from}`, `{to}`: step names). */
  curveMainPath: string;
  curveBranch: string;
  curveEnds: string;
  curveReturn: string;
  /** Links from a map to its Markdown report and back to the index. */
  report: string;
  allJourneys: string;
  generatedNote: string;
  /**
   * A journey past the steps the map draws one by one (map/collapsed.ts): `note` over the
   * stage columns, or `tooLarge` alone (`{steps}`, `{stages}`, `{limit}` steps, `{stageLimit}`
   * stages); the link to the report follows either. Row names of the stage columns.
   */
  large: { note: string; tooLarge: string; firstLast: string; emotionRange: string };
  /** `journey preview` */
  previewTitle: string;
  previewErrors: string;
  previewNoJourneys: string;
  previewDiagrams: string;
  previewNoMermaid: string;
  previewDisconnected: string;
}

/** A text per CLDR plural category of the language (`Intl.PluralRules`); `other` is required. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
