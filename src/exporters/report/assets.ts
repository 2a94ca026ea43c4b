/**
 * The report's inline style and script. The script only adds to a page that is complete without it
 * (search box, sortable columns, details opened for printing); the page's Content-Security-Policy allows
 * exactly this script by its hash, so no text from the old site could ever run as code.
 */
import { createHash } from 'node:crypto';

export const CSS = `
:root{color-scheme:light}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:96rem;padding:1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.7rem;margin:.5rem 0}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:2px solid #d0d7de;padding-bottom:.2rem}h3{font-size:1.08rem;margin-top:1.4rem}
a{color:#0b57a4}a:visited{color:#5a2d91}
.meta{margin:.3rem 0 1rem;padding:0;list-style:none}.meta li{margin:.1rem 0}.meta b{display:inline-block;min-width:11.5rem}
nav.toc ul{display:flex;flex-wrap:wrap;gap:.3rem 1.1rem;padding:0;list-style:none}
.scroll{overflow-x:auto;max-width:100%;margin:.5rem 0}.scroll:focus{outline:2px solid #0b57a4}
table{border-collapse:collapse;font-size:.92rem}caption{text-align:left;font-weight:600;padding:.2rem 0;color:#333}
th,td{border:1px solid #d0d7de;padding:.3rem .55rem;text-align:left;vertical-align:top}th{background:#f3f5f7}
td{overflow-wrap:break-word}td a{overflow-wrap:anywhere}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
#posts-table td:nth-child(1){min-width:12rem}#posts-table td:nth-child(6),#posts-table td:nth-child(7){min-width:15rem}#posts-table td:nth-child(3){white-space:nowrap}
th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;color:inherit;text-align:left}
th button::after{content:" ↕";color:#666}th[aria-sort=ascending] button::after{content:" ↑"}th[aria-sort=descending] button::after{content:" ↓"}
.bad{color:#a40000}.ok{color:#1d6b2a}.muted{color:#545454}
.cards{display:flex;flex-wrap:wrap;gap:.7rem;margin:1rem 0}.card{border:1px solid #d0d7de;border-radius:6px;padding:.5rem .9rem;min-width:8.5rem;flex:0 1 auto}
.card b{display:block;font-size:1.55rem;line-height:1.2}.card.bad{border-color:#a40000}
.search{margin:.6rem 0}.search input{font:inherit;padding:.35rem .5rem;width:min(28rem,100%);border:1px solid #6b7280;border-radius:4px}
details{margin:.3rem 0}summary{cursor:pointer}.tree ul{margin:.2rem 0 .4rem;padding-left:1.3rem}
svg{max-width:100%;height:auto;display:block}svg text{font:11px system-ui,sans-serif;fill:#1b1b1b}
code,pre{font:.86rem ui-monospace,SFMono-Regular,Menlo,monospace}
footer{margin-top:3rem;border-top:1px solid #d0d7de;color:#545454;font-size:.9rem}
@media (max-width:700px){
  body{font-size:15px;padding:.6rem}
  table.stack,table.stack caption,table.stack tbody,table.stack tr,table.stack td{display:block;width:auto}
  table.stack thead{position:absolute;left:-9999px}
  table.stack tr{border:1px solid #d0d7de;border-radius:6px;margin:.5rem 0;padding:.3rem}
  table.stack td{border:0;padding:.15rem .3rem;min-width:0!important;white-space:normal!important}table.stack td.n{text-align:left}
  table.stack td::before{content:attr(data-label) ": ";font-weight:600}
}
@media print{
  body{max-width:none;font-size:10pt;padding:0}a{color:#000}
  .search,nav.toc{display:none}.scroll{overflow:visible}
  thead{display:table-header-group}tr{break-inside:avoid}h2{break-after:avoid}
  .card{border-color:#888}th button::after{content:none}
}
`;

export const SCRIPT = `(function(){
"use strict";
function val(td){var s=td.getAttribute("data-sort");return s!==null?s:td.textContent.trim();}
function cmp(a,b){var x=Number(a),y=Number(b);if(a!==""&&b!==""&&!isNaN(x)&&!isNaN(y))return x-y;return a.localeCompare(b,"sv");}
document.querySelectorAll("table.sortable").forEach(function(t){
  var ths=t.tHead.rows[0].cells;
  Array.prototype.forEach.call(ths,function(th,i){
    var b=document.createElement("button");b.type="button";b.textContent=th.textContent;th.textContent="";th.appendChild(b);
    b.addEventListener("click",function(){
      var dir=th.getAttribute("aria-sort")==="ascending"?"descending":"ascending";
      Array.prototype.forEach.call(ths,function(o){o.removeAttribute("aria-sort");});th.setAttribute("aria-sort",dir);
      var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(r1,r2){var c=cmp(val(r1.cells[i]),val(r2.cells[i]));return dir==="ascending"?c:-c;});
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
});
document.querySelectorAll("[data-search-for]").forEach(function(box){
  var t=document.getElementById(box.getAttribute("data-search-for"));var input=box.querySelector("input");var out=box.querySelector("output");
  if(!t||!input)return;box.hidden=false;
  var fold=function(s){return s.normalize("NFD").replace(/[\\u0300-\\u036f]/g,"").toLowerCase();};
  var rows=Array.prototype.slice.call(t.tBodies[0].rows),texts=rows.map(function(r){return fold(r.textContent);});
  input.addEventListener("input",function(){
    var q=fold(input.value.trim()),n=0;
    rows.forEach(function(r,i){var hit=!q||texts[i].indexOf(q)>=0;r.hidden=!hit;if(hit)n++;});
    if(out)out.textContent=n+" of "+rows.length+" shown";
  });
});
window.addEventListener("beforeprint",function(){document.querySelectorAll("details").forEach(function(d){d.open=true;});});
})();`;

/** The CSP source for SCRIPT: the browser runs it only if its bytes hash to this. */
export const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT, 'utf8').digest('base64')}`;
