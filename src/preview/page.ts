import { markup } from "../escape/html.js";
import type { Labels } from "../i18n/types.js";
import { MAP_SCRIPT, scriptHash } from "../render/map/script.js";
import { MAP_CSS } from "../render/map/style.js";

const PREVIEW_CSS = `
.preview-bar{display:flex;gap:16px;align-items:center;flex-wrap:wrap;padding:8px 28px;border-block-end:1px solid var(--line);background:var(--panel);position:sticky;top:0;z-index:5}
.preview-bar strong{font-size:14px}
.preview-bar nav{display:flex;gap:6px;flex-wrap:wrap}
.preview-bar nav a{padding:2px 10px;border-radius:12px;border:1px solid var(--line);text-decoration:none;background:var(--paper)}
.preview-bar nav a[aria-current=page]{border-color:var(--accent);font-weight:600}
.preview-bar nav a.broken::after{content:" \\26A0"}
.status{font-size:12px;color:var(--muted)}
.errors{position:fixed;inset-inline:16px;bottom:16px;z-index:10;max-height:40vh;overflow:auto;padding:10px 14px;border:2px solid var(--neg);border-radius:8px;background:#fff5f5;box-shadow:0 4px 16px rgba(0,0,0,.18)}
.errors ul{margin:6px 0 0;padding-inline-start:18px;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}
.diagrams{margin:0 28px 28px}
.diagrams figure{margin:0 0 20px;overflow-x:auto}
.diagrams figcaption{font-weight:600;margin-block-end:6px}
.diagram-note{margin:0 0 8px;color:var(--muted);font-style:italic}
.note{margin:12px 28px;color:var(--muted)}
`;

/**
 * The client of `journey preview`: receives the journeys over Server-Sent Events, shows the one
 * named in the address (#key; `#key#step`, a link between journeys, also scrolls to the step), and replaces its map in place when a new one arrives, keeping the
 * scroll position of the page and of the canvas. Errors of the file are shown in a panel over
 * the last map that could be drawn, which stays where it was. Diagrams are drawn by Mermaid when the server offers it, after the
 * map is on screen and only when they changed: drawing takes Mermaid a good part of a second.
 */
const PREVIEW_SCRIPT = `(function(){
var views={},order=[],shown=null,drawn=0,versions=0,pending=null;
var nav=document.getElementById("journeys"),status=document.getElementById("status");
var errorsBox=document.getElementById("errors"),mapBox=document.getElementById("map"),diagramsBox=document.getElementById("diagrams");
var text=JSON.parse(document.getElementById("labels").textContent);
function el(tag,attrs,children){var e=document.createElement(tag);for(var k in attrs)e.setAttribute(k,attrs[k]);(children||[]).forEach(function(c){e.append(c);});return e;}
function hashParts(){var raw=location.hash.slice(1),cut=raw.indexOf("#");try{return{key:decodeURIComponent(cut<0?raw:raw.slice(0,cut)),step:cut<0?"":decodeURIComponent(raw.slice(cut+1))};}catch(e){return{key:"",step:""};}}
function current(){var key=hashParts().key;return views[key]?key:order[0];}
function toStep(){var step=hashParts().step;if(!step)return;var cards=mapBox.querySelectorAll("[data-step]");for(var i=0;i<cards.length;i++)if(cards[i].getAttribute("data-step")===step){cards[i].scrollIntoView({block:"center",inline:"center"});return;}}
function renderNav(){nav.replaceChildren.apply(nav,order.map(function(key){var v=views[key];var a=el("a",{href:"#"+encodeURIComponent(key),"class":v.errors.length?"broken":""},[v.title]);if(key===shown)a.setAttribute("aria-current","page");return a;}));}
function showErrors(v){if(!v.errors.length){errorsBox.hidden=true;errorsBox.replaceChildren();return;}
errorsBox.hidden=false;errorsBox.replaceChildren(el("strong",{},[text.errors]),el("ul",{},v.errors.map(function(e){return el("li",{},[v.key+":"+e.line+":"+e.column+": "+e.message+" ["+e.ruleId+"]"]);})));}
function show(){var key=current();
if(!key){shown=null;errorsBox.hidden=true;mapBox.replaceChildren(el("p",{"class":"note"},[text.noJourneys]));diagramsBox.replaceChildren();renderNav();return;}
var v=views[key],same=key===shown;
document.documentElement.lang=v.lang;document.documentElement.dir=v.dir;showErrors(v);
if(!same||mapBox.getAttribute("data-body")!==String(v.bodyVersion)){
var canvas=mapBox.querySelector(".canvas"),left=same&&canvas?canvas.scrollLeft:0,top=same?window.scrollY:0;
mapBox.innerHTML=v.body||"";mapBox.setAttribute("data-body",String(v.bodyVersion));
canvas=mapBox.querySelector(".canvas");if(canvas)canvas.scrollLeft=left;window.scrollTo(0,top);if(!same)toStep();}
shown=key;renderNav();
var signature=JSON.stringify(v.diagrams);if(!same||diagramsBox.getAttribute("data-signature")!==signature){diagramsBox.setAttribute("data-signature",signature);
clearTimeout(pending);pending=setTimeout(function(){requestAnimationFrame(function(){drawDiagrams(v);});},0);}
document.body.setAttribute("data-shown",key+"@"+v.version);}
function drawDiagrams(v){diagramsBox.replaceChildren(el("h2",{},[text.diagrams]));
if(!window.mermaid){diagramsBox.append(el("p",{"class":"note"},[text.noMermaid]));return;}
v.diagrams.forEach(function(d){var figure=el("figure",{},[el("figcaption",{},[d.caption])]);if(d.note)figure.append(el("p",{"class":"diagram-note"},[d.note]));diagramsBox.append(figure);var id="diagram-"+(++drawn);
window.mermaid.render(id,d.definition).then(function(r){var holder=document.createElement("div");holder.innerHTML=r.svg;figure.append(holder);},function(e){figure.append(el("pre",{},[String(e&&e.message||e)]));var scratch=document.getElementById("d"+id);if(scratch)scratch.remove();});});}
if(window.mermaid)window.mermaid.initialize({startOnLoad:false,securityLevel:"strict"});
var source=new EventSource("/events");
source.addEventListener("list",function(e){order=JSON.parse(e.data);order.forEach(function(key){if(!views[key])views[key]={key:key,title:key,errors:[],diagrams:[],bodyVersion:0};});for(var k in views)if(order.indexOf(k)<0)delete views[k];show();});
source.addEventListener("journey",function(e){var v=JSON.parse(e.data),old=views[v.key];v.version=++versions;v.bodyVersion=old&&old.body===v.body?old.bodyVersion:v.version;views[v.key]=v;if(order.indexOf(v.key)<0)order.push(v.key);if(current()===v.key)show();else renderNav();});
source.addEventListener("open",function(){status.textContent="";});
source.addEventListener("error",function(){status.textContent=text.disconnected;});
window.addEventListener("hashchange",function(){var before=shown;show();if(shown===before)toStep();});
})();`;

/** The preview's one page: the map's style and script, the journey list, and the client above. */
export function previewPage(labels: Labels, withMermaid: boolean): string {
  const m = labels.map;
  const texts = JSON.stringify({
    errors: m.previewErrors,
    noJourneys: m.previewNoJourneys,
    diagrams: m.previewDiagrams,
    noMermaid: m.previewNoMermaid,
    disconnected: m.previewDisconnected,
  }).replace(/</g, "\\u003c");
  const policy = `default-src 'none'; script-src 'self' ${scriptHash(MAP_SCRIPT)} ${scriptHash(PREVIEW_SCRIPT)}; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="${labels.lang}" dir="${labels.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}">
${markup`<title>${m.previewTitle}</title>`.value}
<style>${MAP_CSS}${PREVIEW_CSS}</style>
</head>
<body>
<div class="preview-bar">${markup`<strong>${m.previewTitle}</strong><nav id="journeys" aria-label="${labels.indexTitle}"></nav><span id="status" class="status" role="status"></span>`.value}</div>
<div id="view"><section id="errors" class="errors" role="alert" hidden></section><div id="map"></div><section id="diagrams" class="diagrams"></section></div>
<script type="application/json" id="labels">${texts}</script>
${withMermaid ? '<script src="/mermaid.js"></script>\n' : ""}<script>${MAP_SCRIPT}</script>
<script>${PREVIEW_SCRIPT}</script>
</body>
</html>
`;
}
