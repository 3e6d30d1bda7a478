/**
 * Geometry of the canvas in CSS pixels. Step columns have one fixed width so that the emotion
 * curve, one SVG across the whole row, puts each point over the middle of its column.
 */
export const COLUMN_WIDTH = 184;
export const ROW_HEADER_WIDTH = 172;

/**
 * The map's only stylesheet, inlined into every page (and into the preview). Colours always
 * come with text or a line style (emotion values, channel modes, severities), never alone.
 * Logical properties (inline-start, block-end) make the Arabic page mirror by `dir="rtl"` alone.
 */
export const MAP_CSS = `
:root{--col:${COLUMN_WIDTH}px;--head:${ROW_HEADER_WIDTH}px;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--paper:#fff;--accent:#0a5bb5;--pos:#1a7f37;--neg:#c21d2b;--zero:#59636e;--warn:#8a5a00;--stage-a:#eef4fb;--stage-b:#f3f0fa}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",Tahoma,sans-serif;color:var(--ink);background:var(--paper)}
a{color:var(--accent)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.page-head{padding:20px 28px 8px}
.page-head nav{font-size:13px;margin-block-end:6px;display:flex;gap:16px;flex-wrap:wrap}
h1{font-size:26px;line-height:1.2;margin:0 0 6px}
.lead{margin:0 0 14px;max-width:80ch;color:var(--muted)}
.cards{display:grid;gap:12px;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));max-width:1400px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--panel)}
.card h2{font-size:12px;letter-spacing:.04em;text-transform:uppercase;color:var(--muted);margin:0 0 4px}
.card .name{font-size:17px;font-weight:600;margin:0 0 4px}
.card dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:6px 0 0}
.card dt{color:var(--muted)}.card dd{margin:0}
.card ul{margin:2px 0 6px;padding-inline-start:18px}
.hint{font-size:12px;color:var(--muted);margin:10px 28px 4px}
.canvas{position:relative;overflow-x:auto;margin:0 0 20px;border-block:1px solid var(--line)}
.canvas:focus-visible{outline:3px solid var(--accent);outline-offset:-3px}
table.map{border-collapse:separate;border-spacing:0;table-layout:fixed;width:calc(var(--head) + var(--n) * var(--col))}
col.row-head-col{width:var(--head)}col.step-col{width:var(--col)}
.map th,.map td{vertical-align:top;text-align:start;padding:8px 10px;border-inline-end:1px solid var(--line);border-block-end:1px solid var(--line);overflow-wrap:anywhere;hyphens:auto}
.map th[scope=row],.map th.corner{position:sticky;inset-inline-start:0;z-index:2;background:var(--panel);font-weight:600;font-size:13px;box-shadow:inset -1px 0 0 var(--line)}
.map thead th{font-weight:600}
.map .stage{font-size:15px;border-block-start:4px solid var(--accent)}
.map .stage.b{border-block-start-color:#6e40c9}
.map .stage-a{background:var(--stage-a)}.map .stage-b{background:var(--stage-b)}
.map .stage .label{display:inline-block;position:sticky;inset-inline-start:calc(var(--head) + 10px)}
.map .stage .desc{display:block;font-weight:400;font-size:12px;color:var(--muted)}
.map .num{font-size:12px;color:var(--muted);font-weight:600}
.map td.hl,.map th.hl{background:#fff8c5}
.step-card{border:1px solid var(--line);border-radius:6px;padding:6px 8px;background:var(--paper)}
.step-card .title{font-weight:600;display:block}
.step-card .meta{display:block;font-size:12px;color:var(--muted)}
.step-card.goal{border:2px solid var(--pos)}
.badges{display:flex;flex-wrap:wrap;gap:4px;margin-block-start:4px}
.badge{font-size:11px;border-radius:10px;padding:0 7px;border:1px solid var(--muted);color:var(--ink);white-space:nowrap}
.badge.goal{border-color:var(--pos);color:var(--pos);font-weight:600}
.badge.warning{border-color:var(--warn);color:var(--warn)}
.badge.end-success{border-color:var(--pos);color:var(--pos)}.badge.end-abandoned{border-color:var(--neg);color:var(--neg)}
.branches{margin:4px 0 0;padding:0;list-style:none;font-size:12px}
.branches li::before{content:"→ ";color:var(--muted)}
[dir=rtl] .branches li::before{content:"← "}
.continues{display:block;margin-top:4px;font-size:12px}
.chip{display:block;border-radius:6px;padding:3px 7px;margin-block-end:4px;font-size:13px;background:var(--paper)}
.chip .mode{display:block;font-size:11px;color:var(--muted)}
.chip.sync{border:2px solid var(--accent)}
.chip.async{border:2px dashed var(--muted)}
.chip.self-service{border:2px dotted var(--pos)}
.map ul.notes{margin:0;padding-inline-start:16px}
.map ul.notes li{margin-block-end:4px}
tr[data-row=pain-points] td li{color:#8c1a22}
tr[data-row=opportunities] td li{color:#145a2a}
tr[data-row=thoughts] td q{font-style:italic}
tr[data-row=emotion] td{padding:0}
svg.curve{display:block}
svg.curve .level{stroke:var(--line);stroke-width:1}
svg.curve .level.zero{stroke:#9aa4ae;stroke-dasharray:4 3}
svg.curve .path path{fill:none;stroke:var(--ink);stroke-width:3;stroke-linecap:round}
svg.curve .path.branch path{stroke-width:1.5}
svg.curve .path.gap path{stroke-dasharray:5 5;stroke:var(--muted);stroke-linecap:butt}
svg.curve .path.return path{stroke:var(--muted);stroke-width:1.5;stroke-dasharray:2 3;stroke-linecap:butt}
svg.curve .path.return path.arrow{fill:var(--muted);stroke:none}
svg.curve .end-bar{stroke:var(--ink);stroke-width:3}svg.curve .end-bar.abandoned{stroke:var(--neg)}
svg.curve circle{stroke:var(--paper);stroke-width:2}
svg.curve .pos{fill:var(--pos)}svg.curve .neg{fill:var(--neg)}svg.curve .zero-point{fill:var(--zero)}
svg.curve text{font-size:12px;font-weight:700;fill:var(--ink);text-anchor:middle}
tr[data-row=visibility] th,tr[data-row=visibility] td{padding-block:2px;font-size:12px;color:var(--muted);border-block-end:3px dashed var(--muted)}
tr[data-row=backstage] th,tr[data-row=backstage] td{background:#f9fafb}
tr[data-row=backstage] th{background:#eef1f4}
.bar{height:10px;background:var(--line);border-radius:5px;overflow:hidden;margin-block:3px}
.bar span{display:block;height:100%;background:var(--accent)}
.figure{font-variant-numeric:tabular-nums}
.drop{color:var(--neg);font-size:12px}.rise{color:var(--pos);font-size:12px}
.finding{font-size:12px;border-inline-start:3px solid var(--muted);padding-inline-start:6px;margin-block-end:6px;list-style:none}
.finding.error{border-inline-start-color:var(--neg)}.finding.warning{border-inline-start-color:var(--warn)}
.finding .sev{font-weight:700;text-transform:uppercase;font-size:10px;letter-spacing:.04em}
.finding.error .sev{color:var(--neg)}.finding.warning .sev{color:var(--warn)}
ul.findings{margin:0;padding:0}
.journey-findings{margin:0 28px 20px;max-width:100ch}
.journey-findings h2{font-size:16px}
.analysis{margin:0 28px 20px;max-width:100ch}
.analysis h2{font-size:18px;margin:0 0 4px}.analysis h3{font-size:15px;margin:16px 0 2px}
.analysis .meta{font-size:12px;color:var(--muted);margin:0 0 6px}
.analysis .scope span[dir=ltr]{white-space:nowrap}
table.breakdown{border-collapse:collapse;margin-block-end:12px}
table.breakdown th,table.breakdown td{border-block-end:1px solid var(--line);padding:4px 12px;text-align:start;vertical-align:top}
table.breakdown th[scope=row]{font-weight:400}
table.breakdown td.figure{text-align:end}
figure.trend{margin:8px 0 12px}
figure.trend svg{display:block;max-width:100%;height:auto}
.legend{display:flex;flex-wrap:wrap;gap:8px;margin:0 28px 8px;font-size:12px}
.legend .chip{display:inline-block;margin:0}
footer{margin:0 28px 24px;font-size:12px;color:var(--muted)}
table.journeys{border-collapse:collapse;margin:0 28px 24px;max-width:1400px}
table.journeys th,table.journeys td{border-block-end:1px solid var(--line);padding:8px 10px;text-align:start;vertical-align:top}
@page{size:A3 landscape;margin:10mm}
@media print{
body{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.canvas{overflow:visible;border:0}
.map th[scope=row],.map th.corner,.map .stage .label{position:static}
.hint,.page-head nav{display:none}
tr{break-inside:avoid}
}
`;

/** What only the index (the portfolio) adds to the map's stylesheet: its sections, matrices and the sortable backlog. */
export const INDEX_CSS = `
section.portfolio{margin:0 28px 28px;max-width:1400px}
section.portfolio h2{font-size:18px;margin:24px 0 4px}
section.portfolio .caption{margin:0 0 10px;color:var(--muted);max-width:100ch}
.scroll{overflow-x:auto}
table.grid{border-collapse:collapse}
table.grid th,table.grid td{border:1px solid var(--line);padding:6px 8px;text-align:start;vertical-align:top}
table.grid thead th{background:var(--panel)}
table.grid td.num,table.grid th.num{text-align:end}
table.grid th button{font:inherit;font-weight:600;color:var(--accent);background:none;border:0;padding:0;cursor:pointer;text-decoration:underline dotted}
table.grid th[aria-sort=ascending] button::after{content:" ▲"}table.grid th[aria-sort=descending] button::after{content:" ▼"}
ul.cell{list-style:none;margin:0;padding:0}
ul.cell li{margin-block-end:3px}
.jlink{display:inline-block;border-inline-start:4px solid var(--pos);padding-inline-start:5px}
.jlink.h-info{border-inline-start-color:var(--accent)}.jlink.h-warning{border-inline-start-color:var(--warn)}.jlink.h-error{border-inline-start-color:var(--neg)}
.conv{font-size:11px;border-radius:8px;padding:0 6px;color:var(--ink);white-space:nowrap}
.conv-0{background:#fde2e4}.conv-1{background:#fdebd3}.conv-2{background:#fdf6c9}.conv-3{background:#e3f4d7}.conv-4{background:#c9ecd2}
.empty{color:var(--muted)}
details summary{cursor:pointer;color:var(--accent)}
ul.links{margin:0;padding-inline-start:20px}
.pager{margin-block-start:8px;display:flex;gap:10px;align-items:center}
.pager button{font:inherit}.pager[hidden]{display:none}
`;
