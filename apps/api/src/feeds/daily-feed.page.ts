import { Eta } from 'eta';
import type { PageModel } from './feed-page-model';
import { xmlSafeDeep } from './xml-text';

/*
 * The printable daily feed. Inlined (not a .eta file) so the swc build has no assets to copy. Every
 * value goes through `<%= %>`, which escapes & < > " and '; the template never uses raw output (`<%~`).
 */
const TEMPLATE = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Daily situation report, <%= it.regionName %>, <%= it.date %></title>
<style>
  :root { --red: #b10e1e; --amber: #c25e00; --green: #00703c; --grey: #505a5f; }
  body { font: 15px/1.4 system-ui, "Segoe UI", Arial, sans-serif; color: #0b0c0c; margin: 1.5rem auto; max-width: 62rem; padding: 0 1rem; }
  .marking { text-align: center; font-weight: 700; letter-spacing: .08em; border: 2px solid currentColor; padding: .2rem; margin: 0 0 1rem; }
  .marking.bottom { margin: 2rem 0 0; }
  h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
  .meta { color: var(--grey); margin: 0 0 1.5rem; }
  section.cell { border-top: 3px solid #0b0c0c; padding-top: .5rem; margin-bottom: 1.75rem; break-inside: avoid-page; }
  h2 { font-size: 1.3rem; margin: .25rem 0 .5rem; }
  h3 { font-size: 1rem; margin: 1rem 0 .35rem; }
  table { border-collapse: collapse; width: 100%; margin: .25rem 0 .5rem; }
  caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
  th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #b1b4b6; vertical-align: top; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .rag { display: inline-block; min-width: 4.5em; padding: 0 .4em; border-radius: 2px; color: #fff; font-weight: 600; text-align: center; }
  .rag-red { background: var(--red); } .rag-amber { background: var(--amber); } .rag-green { background: var(--green); }
  .rag-none { background: #fff; color: var(--grey); border: 1px solid var(--grey); }
  .status { color: var(--grey); font-weight: 400; font-size: 1rem; }
  .stale { font-weight: 600; color: var(--red); }
  .sensitive { font-size: .8em; font-weight: 700; }
  code.hash { font-family: ui-monospace, Consolas, monospace; font-size: .85em; word-break: break-all; }
  @media print {
    body { margin: 0; max-width: none; font-size: 10.5pt; }
    a { color: inherit; text-decoration: none; }
    section.cell { break-inside: avoid; }
    .rag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    @page { margin: 14mm 12mm; }
  }
</style>
</head>
<body>
<p class="marking top"><%= it.marking %></p>
<header>
  <h1><%= it.regionName %>: daily situation report</h1>
  <p class="meta">Reporting day <strong><%= it.date %></strong> · version <%= it.version %> · generated <time datetime="<%= it.generatedAt %>"><%= it.generated %></time> ·
    <a href="<%= it.boardHref %>">the board as it stood</a> · <a href="<%= it.jsonHref %>">JSON</a></p>
</header>
<main>
<% it.cells.forEach(function (cell) { %>
<section class="cell" id="cell-<%= cell.slug %>">
  <h2><%= cell.name %> <span class="rag rag-<%= cell.rag %>"><%= cell.ragLabel %></span> <span class="status"><%= cell.status %></span></h2>
  <table class="totals">
    <caption>Regional totals</caption>
    <thead><tr><th>Figure</th><th class="num">Today</th><th class="num">Day before</th><th class="num">Change</th></tr></thead>
    <tbody>
    <% cell.totals.forEach(function (t) { %>
      <tr><td><%= t.label %> <span class="status">(<%= t.unit %>)</span></td><td class="num"><%= t.value %></td><td class="num"><%= t.previous %></td><td class="num <%= t.trend %>"><%= t.change %></td></tr>
    <% }) %>
    </tbody>
  </table>
  <table class="authorities">
    <caption>Authorities</caption>
    <thead><tr><th>Authority</th><th>RAG</th><th>Figures</th></tr></thead>
    <tbody>
    <% cell.authorities.forEach(function (a) { %>
      <tr><td><%= a.name %></td><td><span class="rag rag-<%= a.rag %>"><%= a.ragLabel %></span></td><td><% if (a.stale) { %><span class="stale">stale: not reported by the cut-off</span><% } else { %>up to date<% } %></td></tr>
    <% }) %>
    </tbody>
  </table>
  <p><% if (cell.staleNames.length > 0) { %><span class="stale">Not reported (stale):</span> <%= cell.staleNames.join(', ') %><% } else { %>No authority is stale.<% } %></p>
  <% if (cell.actions !== null) { %><p>Actions: <%= cell.actions %>.</p><% } %>
  <h3>Escalations: <%= cell.escalations.opened %> opened, <%= cell.escalations.open %> open at the end of the day, <%= cell.escalations.breached %> breached</h3>
  <% if (cell.escalations.items.length > 0) { %>
  <table class="escalations">
    <thead><tr><th>Escalation</th><th>Level</th><th>Status</th><th>Raised</th><th>That day</th></tr></thead>
    <tbody>
    <% cell.escalations.items.forEach(function (e) { %>
      <tr><td><%= e.title %><% if (e.marking !== 'OFFICIAL') { %> <span class="sensitive"><%= e.marking %></span><% } %></td><td><%= e.level %></td><td><%= e.status %></td><td><%= e.raised %></td><td><%= e.flags %></td></tr>
    <% }) %>
    </tbody>
  </table>
  <% } %>
  <h3>Decisions logged: <%= cell.decisions.length %></h3>
  <% if (cell.decisions.length > 0) { %>
  <ol class="decisions">
    <% cell.decisions.forEach(function (d) { %>
    <li value="<%= d.sequence %>"><time><%= d.time %></time> · <a href="<%= d.href %>"><%= d.title %></a><% if (d.marking !== 'OFFICIAL') { %> <span class="sensitive"><%= d.marking %></span><% } %></li>
    <% }) %>
  </ol>
  <% } %>
  <p>Decision log head: <% if (cell.head.sequence !== null) { %>entry <%= cell.head.sequence %>, <% } %><code class="hash"><%= cell.head.hash %></code></p>
</section>
<% }) %>
</main>
<p class="marking bottom"><%= it.marking %></p>
</body>
</html>
`;

const eta = new Eta({ autoEscape: true, autoTrim: [false, 'nl'], useWith: false });
const page = eta.compile(TEMPLATE);

/** Characters no markup may hold are dropped too, so the page also parses as XHTML. */
export function renderDailyFeedPage(model: PageModel): string {
  return eta.render(page, xmlSafeDeep(model));
}
