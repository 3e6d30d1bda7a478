/**
 * The index's only script, inlined (the page reads fine without it): a table marked
 * `data-sortable` sorts by a column when its header's button is pressed, ascending then
 * descending, and says so in `aria-sort`. A cell's `data-value` is its sort key (numbers in a
 * `data-sort="number"` column); empty keys stay last either way. Plain ES2017, no globals.
 */
export const INDEX_SCRIPT = `(function(){
function key(cell,num){var v=cell.getAttribute("data-value");if(v===null)v=cell.textContent.trim();if(v==="")return null;return num?Number(v):v;}
var tables=document.querySelectorAll("table[data-sortable]");
for(var t=0;t<tables.length;t++)(function(table){
var heads=table.tHead.rows[0].cells;
for(var h=0;h<heads.length;h++)(function(th,index){
var button=th.querySelector("button");if(!button)return;
button.addEventListener("click",function(){
var asc=th.getAttribute("aria-sort")!=="ascending";
for(var k=0;k<heads.length;k++)heads[k].removeAttribute("aria-sort");
th.setAttribute("aria-sort",asc?"ascending":"descending");
var num=th.getAttribute("data-sort")==="number";var lang=document.documentElement.lang;
var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){var x=key(a.cells[index],num),y=key(b.cells[index],num);if(x===null||y===null)return x===y?0:x===null?1:-1;var c=num?x-y:x.localeCompare(y,lang);return asc?c:-c;});
for(var r=0;r<rows.length;r++)body.appendChild(rows[r]);
});
})(heads[h],h);
})(tables[t]);
})();`;
