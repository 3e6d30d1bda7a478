import { createHash } from "node:crypto";

/**
 * The map's only script, inlined: the map reads fine without it. It highlights the column of
 * the step under the pointer or focus (CSS cannot select a table column), and before printing
 * scales the canvas to the page width (A3 landscape), so a long journey prints whole instead of
 * cut at the right edge. Plain ES2017, no globals left behind.
 */
export const MAP_SCRIPT = `(function(){
var current=null;
function mark(col,on){if(col===null)return;var cells=document.querySelectorAll('[data-col="'+col+'"]');for(var i=0;i<cells.length;i++)cells[i].classList.toggle("hl",on);}
function follow(event){var cell=event.target.closest&&event.target.closest("[data-col]");var col=cell?cell.getAttribute("data-col"):null;if(col===current)return;mark(current,false);current=col;mark(current,true);}
document.addEventListener("pointerover",follow);document.addEventListener("focusin",follow);
var A3_WIDTH=1512;
window.addEventListener("beforeprint",function(){var maps=document.querySelectorAll("table.map");for(var i=0;i<maps.length;i++){var scale=Math.min(1,A3_WIDTH/maps[i].scrollWidth);maps[i].style.zoom=String(scale);}});
window.addEventListener("afterprint",function(){var maps=document.querySelectorAll("table.map");for(var i=0;i<maps.length;i++)maps[i].style.zoom="";});
})();`;

/** For the page's Content-Security-Policy: only this exact script may run. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
}
