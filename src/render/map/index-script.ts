/**
 * The index's only script, inlined (the page reads fine without it). A table marked
 * `data-sortable` sorts by a column when its header's button is pressed, ascending then
 * descending, and says so in `aria-sort`; a cell's `data-value` is its sort key (numbers in a
 * `data-sort="number"` column), empty keys last either way. A table with a pager
 * (`[data-pager=<table id>]`) shows `data-size` rows at a time: rows past the first page come
 * `hidden` in the HTML (so a 2,000-journey backlog lays out one page, not 20,000 rows), the pager
 * turns the pages, and a sort starts again at the first. Without scripts a `<noscript>` style shows
 * every row. Plain ES2017, no globals.
 */
export const INDEX_SCRIPT = `(function(){
function key(cell,num){var v=cell.getAttribute("data-value");if(v===null)v=cell.textContent.trim();if(v==="")return null;return num?Number(v):v;}
function pager(table){var box=table.id?document.querySelector('[data-pager="'+table.id+'"]'):null;if(!box)return function(){};
var size=Number(box.getAttribute("data-size"));var body=table.tBodies[0];var page=0;var label=box.querySelector("[data-template]");var buttons=box.querySelectorAll("button");
function show(){var rows=body.rows;var pages=Math.max(1,Math.ceil(rows.length/size));if(page>=pages)page=pages-1;if(page<0)page=0;
for(var i=0;i<rows.length;i++)rows[i].hidden=i<page*size||i>=(page+1)*size;
label.textContent=label.getAttribute("data-template").replace("{page}",String(page+1)).replace("{pages}",String(pages));
buttons[0].disabled=page===0;buttons[1].disabled=page===pages-1;box.hidden=pages<2;}
buttons[0].addEventListener("click",function(){page--;show();});buttons[1].addEventListener("click",function(){page++;show();});
show();return function(){page=0;show();};}
var tables=document.querySelectorAll("table[data-sortable]");
for(var t=0;t<tables.length;t++)(function(table){
var reset=pager(table);var heads=table.tHead.rows[0].cells;
for(var h=0;h<heads.length;h++)(function(th,index){
var button=th.querySelector("button");if(!button)return;
button.addEventListener("click",function(){
var asc=th.getAttribute("aria-sort")!=="ascending";
for(var k=0;k<heads.length;k++)heads[k].removeAttribute("aria-sort");
th.setAttribute("aria-sort",asc?"ascending":"descending");
var num=th.getAttribute("data-sort")==="number";var lang=document.documentElement.lang;
var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
var keyed=rows.map(function(row,i){return {row:row,key:key(row.cells[index],num),i:i};});
keyed.sort(function(a,b){var x=a.key,y=b.key;if(x===null||y===null)return x===y?a.i-b.i:x===null?1:-1;var c=num?x-y:x.localeCompare(y,lang);return (asc?c:-c)||a.i-b.i;});
var fragment=document.createDocumentFragment();for(var r=0;r<keyed.length;r++){keyed[r].row.hidden=true;fragment.appendChild(keyed[r].row);}
body.appendChild(fragment);reset();
});
})(heads[h],h);
})(tables[t]);
})();`;
