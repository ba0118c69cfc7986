import { Eta } from 'eta';
import { Feed } from 'feed';
import { DailyFeedView } from '@muster/application';
import { API_BASE } from '../http/api-path';
import { pageModel } from './feed-page-model';
import { xmlSafe, xmlSafeDeep } from './xml-text';

/** An entry's content: each cell in a few lines. HTML (escaped by eta), carried by Atom as type="html". */
const SUMMARY = `<% it.cells.forEach(function (cell) { %><h3><%= cell.name %>: <%= cell.ragLabel %> (<%= cell.status %>)</h3>
<% var known = cell.totals.filter(function (t) { return t.known; }) %>
<p><% if (known.length === 0) { %>No figures reported.<% } %><% known.forEach(function (t, i) { %><%= i > 0 ? '; ' : '' %><%= t.label %> <%= t.value %> (<%= t.change %>)<% }) %></p>
<p>Escalations: <%= cell.escalations.opened %> opened, <%= cell.escalations.open %> open, <%= cell.escalations.breached %> breached. Decisions logged: <%= cell.decisions.length %>.<% if (cell.actions !== null) { %> Actions: <%= cell.actions %>.<% } %><% if (cell.staleNames.length > 0) { %> Not reported: <%= cell.staleNames.join(', ') %>.<% } %></p>
<% }) %>`;

const eta = new Eta({ autoEscape: true, useWith: false });
const summary = eta.compile(SUMMARY);
const escapeHtml = (text: string) => eta.config.escapeFunction(text);

/** Stable ids whatever host serves the feed: a tag URI (RFC 4151) per region and reporting day. */
const tag = (regionCode: string, rest: string) => `tag:muster,2026:${encodeURIComponent(regionCode)}:${rest}`;

/**
 * The Atom document (RFC 4287): one entry per published day (its latest version, already filtered for the
 * reader), updated when a new version is generated, each linking to the console's page of that day, which
 * opens in a signed-in browser. `self` is where this reader fetched it. Text the XML cannot hold is
 * dropped; the rest is escaped.
 */
export function dailyFeedAtom(
  views: readonly DailyFeedView[],
  region: { code: string; name: string },
  origin: string,
  timeZone: string,
  self = `${origin}/${API_BASE}/feeds/daily.atom`,
): string {
  const regionName = xmlSafe(region.name);
  const newest = newestVersionAt(views);
  const atom = new Feed({
    title: `${regionName}: daily situation reports`,
    id: tag(region.code, 'feeds:daily'),
    link: `${origin}/feeds/daily`,
    feedLinks: { atom: self },
    updated: newest ?? new Date(0),
    // RFC 4287 4.1.1: a feed names its author (its entries do not): the region, through Muster.
    author: { name: `${regionName} (Muster)` },
    copyright: regionName,
    generator: 'Muster',
  });
  for (const view of views.map((v) => xmlSafeDeep(v))) {
    const model = pageModel(view, origin, timeZone);
    atom.addItem({
      // Atom carries these as type="html": escaped here, so a name like "<b>" shows as written.
      title: escapeHtml(`${view.date}: daily situation report (version ${view.version})`),
      id: tag(region.code, `daily:${view.date}`),
      link: `${origin}/feeds/daily/${view.date}`,
      date: new Date(view.generatedAt),
      description: escapeHtml(
        `${view.cells.length} cells; ${view.cells.reduce((n, c) => n + c.stale.length, 0)} missing reports.`,
      ),
      content: eta.render(summary, model),
    });
  }
  return atom.atom1();
}

/** When the newest version in the document was generated: its `updated`, and its `Last-Modified`. */
export function newestVersionAt(views: readonly DailyFeedView[]): Date | undefined {
  const newest = views.reduce<string | undefined>(
    (at, v) => (at === undefined || v.generatedAt > at ? v.generatedAt : at),
    undefined,
  );
  return newest === undefined ? undefined : new Date(newest);
}
