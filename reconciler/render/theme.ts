// The one look of every HTML page cspctl writes (the drift report, `cspctl show --format html`, the
// dashboard, the billing report): one stylesheet and one tab script, inlined so each page stays self-contained (a
// Content-Security-Policy loads nothing else). Colours meet WCAG AA on their background, and every
// colour has text or a symbol beside it. Printed, every tab panel is shown and navigation is hidden.
import { escapeXml } from "./escape.js";

export const STYLESHEET = `:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--panel:#f6f8fa;--accent:#0b5cad;--ok:#1a6b32;--ok-bg:#e6f4ea;--bad:#a4271b;--bad-bg:#fdecea;--warn:#7a4a00;--warn-bg:#fff4d6}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--fg);background:var(--bg)}
.page{max-width:72rem;margin:0 auto;padding:1.5rem 1rem 3rem}
header.top{border-bottom:1px solid var(--line);margin-bottom:1.5rem}header.top p{margin:.25rem 0 1rem;color:var(--muted)}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .75rem}h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,[tabindex]:focus-visible,summary:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
nav.crumbs{font-size:.9rem;margin-bottom:.5rem}
.verdict{display:flex;gap:.75rem;align-items:center;font-size:1.15rem;font-weight:600;padding:.85rem 1rem;border-radius:8px;border:2px solid;margin:0 0 1.25rem}
.verdict .icon{font-size:1.4rem;line-height:1}.verdict-ok{color:var(--ok);background:var(--ok-bg);border-color:var(--ok)}
.verdict-drift{color:var(--bad);background:var(--bad-bg);border-color:var(--bad)}.verdict-unknown{color:var(--warn);background:var(--warn-bg);border-color:var(--warn)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.75rem;margin:0 0 1rem;padding:0;list-style:none}
.card{border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;background:var(--panel)}
.card .value{display:block;font-size:1.6rem;font-weight:700;line-height:1.2}.card .label{display:block;color:var(--muted);font-size:.9rem}
.table-wrap{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}thead th{background:var(--panel);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.note{color:var(--muted)}code{font-size:.92em}pre{margin:0;white-space:pre-wrap}small{color:var(--muted)}
.badge,.cat{display:inline-block;font-weight:600;border-radius:4px;padding:0 .4rem;border:1px solid currentColor;white-space:nowrap}
.status-none{color:var(--ok)}.status-drift{color:var(--bad)}.status-unknown{color:var(--warn)}
.cat-changed{background:#fff0c2}.cat-missing{background:#d9f2d9}.cat-unmanaged{background:#d6eef8}.cat-pending{background:#e3e0fb}
.cat-utilisation{background:#fbe0da}.cat-accepted{background:#eee}.cat-unknown{background:#f8c8c8}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;margin:.5rem 0}
[role=tablist]{display:flex;flex-wrap:wrap;gap:.25rem;border-bottom:2px solid var(--line);margin:1rem 0}
[role=tab]{font:inherit;background:none;border:0;border-bottom:3px solid transparent;margin-bottom:-2px;padding:.5rem .85rem;cursor:pointer;color:var(--fg)}
[role=tab][aria-selected=true]{border-bottom-color:var(--accent);font-weight:700;color:var(--accent)}
[role=tabpanel]{padding:.25rem 0}[role=tabpanel]>h2:first-child{margin-top:.5rem}
svg.chart{max-width:100%;height:auto}svg.chart text{font:12px system-ui,sans-serif;fill:var(--fg)}
.hidden{display:none}
@media (max-width:40rem){.page{padding:1rem .75rem}h1{font-size:1.3rem}.card .value{font-size:1.3rem}}
@media print{body{font-size:11pt}.page{max-width:none;padding:0}nav,[role=tablist],.filters,.no-print{display:none!important}
[role=tabpanel],[role=tabpanel][hidden],.hidden{display:block!important}tr.hidden{display:table-row!important}
a{color:inherit;text-decoration:none}.card,.verdict{break-inside:avoid}table{page-break-inside:auto}tr{break-inside:avoid}}`;

/** Tabs per the WAI-ARIA pattern: Tab reaches the selected tab, arrow keys, Home and End move between tabs. */
export const TABS_SCRIPT = `(function(){
  document.querySelectorAll('[role=tablist]').forEach(function(list){
    var tabs=Array.prototype.slice.call(list.querySelectorAll('[role=tab]'));
    function select(tab,focus){
      tabs.forEach(function(t){
        var on=t===tab;t.setAttribute('aria-selected',String(on));t.tabIndex=on?0:-1;
        var panel=document.getElementById(t.getAttribute('aria-controls'));if(panel)panel.hidden=!on;
      });
      if(focus)tab.focus();
      if(focus!==undefined&&history.replaceState)history.replaceState(null,'','#'+tab.getAttribute('aria-controls'));
    }
    tabs.forEach(function(tab,i){
      tab.addEventListener('click',function(){select(tab,false);});
      tab.addEventListener('keydown',function(e){
        var next=null;
        if(e.key==='ArrowRight')next=tabs[(i+1)%tabs.length];else if(e.key==='ArrowLeft')next=tabs[(i-1+tabs.length)%tabs.length];
        else if(e.key==='Home')next=tabs[0];else if(e.key==='End')next=tabs[tabs.length-1];
        if(next){e.preventDefault();select(next,true);}
      });
    });
    var wanted=location.hash.slice(1);
    select(tabs.filter(function(t){return t.getAttribute('aria-controls')===wanted;})[0]||tabs[0]);
  });
})();`;

export interface PageOptions {
  title: string;
  /** The page's body (already escaped HTML), placed inside `<main class="page">`. */
  body: string;
  /** Inline scripts to run after the body. */
  scripts?: string[];
}

/** A complete self-contained page in cspctl's look. */
export function htmlPage(options: PageOptions): string {
  const scripts = options.scripts ?? [];
  const scriptSrc = scripts.length > 0 ? "; script-src 'unsafe-inline'" : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'${scriptSrc}; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(options.title)}</title>
<style>${STYLESHEET}</style>
</head>
<body>
<main class="page">
${options.body}
</main>
${scripts.map((s) => `<script>${s}</script>`).join("\n")}
</body>
</html>
`;
}

export type Verdict = "ok" | "drift" | "unknown";

/** The emphasised verdict banner: colour, a symbol and words, so colour is never the only signal. */
export function verdictBanner(verdict: Verdict, text: string, attributes = ""): string {
  const icon = verdict === "ok" ? "✔" : verdict === "drift" ? "✖" : "?";
  return `<p id="verdict" class="verdict verdict-${verdict}" data-verdict="${verdict}"${attributes}><span class="icon" aria-hidden="true">${icon}</span><span>${escapeXml(text)}</span></p>`;
}

/** Counts as cards that wrap on narrow screens. Each card: [value, label, data attribute value?]. */
export function cards(id: string, label: string, items: readonly (readonly [string, string, string?])[]): string {
  const li = items.map(
    ([value, name, key]) =>
      `<li class="card"><span class="value"${key ? ` data-count="${escapeXml(key)}"` : ""}>${escapeXml(value)}</span><span class="label">${escapeXml(name)}</span></li>`,
  );
  return `<ul class="cards" id="${id}" aria-label="${escapeXml(label)}">${li.join("")}</ul>`;
}

export interface TabPanel {
  id: string;
  label: string;
  body: string;
}

/** A tab list and its panels; without the script (or printed) every panel shows. */
export function tabs(label: string, panels: readonly TabPanel[]): string {
  const list = panels.map(
    (p, i) =>
      `<button type="button" role="tab" id="tab-${p.id}" aria-controls="${p.id}" aria-selected="${i === 0}" tabindex="${i === 0 ? 0 : -1}">${escapeXml(p.label)}</button>`,
  );
  const bodies = panels.map(
    (p) => `<section role="tabpanel" id="${p.id}" aria-labelledby="tab-${p.id}" tabindex="0">${p.body}</section>`,
  );
  return `<div role="tablist" aria-label="${escapeXml(label)}">${list.join("")}</div>\n${bodies.join("\n")}`;
}
