import { XMLValidator } from 'fast-xml-parser';
import { renderDailyFeedPage } from './daily-feed.page';
import { pageModel } from './feed-page-model';
import { hostileView } from '@muster/builders';

const ORIGIN = 'https://muster.example';
const render = () => renderDailyFeedPage(pageModel(hostileView(), ORIGIN, 'Europe/London'));

/** The page as XML (its doctype aside): escaping done right leaves it well-formed even with hostile text. */
const asXml = (html: string) => html.replace(/^<!doctype html>/i, '').replace(/<meta([^>]*[^/])>/g, '<meta$1/>');

describe('the printable daily feed page', () => {
  it('escapes every piece of hostile text: no markup gets through, in text or in attributes', () => {
    const html = render();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<u>');
    expect(html).not.toContain('<![CDATA[');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&#39;s &quot;best&quot; ]]&gt;');
    expect(html).toContain('🚑 مأوى 避難所');
    // The decision id ends up in a link, percent-encoded, inside a quoted attribute.
    expect(html).toContain(`<a href="${ORIGIN}/cells/ppe/decisions/d%221">`);
    // eslint-disable-next-line no-control-regex -- the feed must carry none of these control characters
    expect(html).not.toMatch(/[\u0001\u0008]/);
  });

  it('is well-formed markup', () => {
    expect(XMLValidator.validate(asXml(render()))).toBe(true);
  });

  it('shows the figures a reader prints: status, RAG, totals with change, authorities, stale ones, escalations, decisions and the head', () => {
    const html = render();
    expect(html).toMatch(/<h2>PPE .*<span class="rag rag-red">Red<\/span> <span class="status">active<\/span><\/h2>/);
    expect(html).toContain('<td class="num">2</td><td class="num">4.5</td><td class="num down">−2.5</td>');
    expect(html).toContain('<span class="stale">Not reported (stale):</span> Coventry');
    expect(html).toContain('<h3>Escalations: 1 opened, 0 open at the end of the day, 0 breached</h3>');
    expect(html).toContain('<time>10:15</time>');
    expect(html).toContain(`entry 3, <code class="hash">${'a'.repeat(64)}</code>`);
    expect(html).toContain(`<a href="${ORIGIN}/?at=42">`);
    expect(html).toContain('@media print');
  });

  it('shows a reader who may not see the whole log its head hash without its length', () => {
    const view = hostileView();
    const partial = {
      ...view,
      cells: view.cells.map((c) => ({ ...c, head: { sequence: null, hash: 'b'.repeat(64) } })),
    };
    const html = renderDailyFeedPage(pageModel(partial, ORIGIN, 'Europe/London'));
    expect(html).toContain(`Decision log head: <code class="hash">${'b'.repeat(64)}</code>`);
    expect(html).not.toContain('entry null');
  });

  it('carries the highest marking on the page at its top and bottom', () => {
    const html = render();
    expect(html.match(/<p class="marking (top|bottom)">OFFICIAL-SENSITIVE<\/p>/g)).toHaveLength(2);
    const official = hostileView();
    const plain = { ...official, cells: official.cells.map((c) => ({ ...c, decisions: [] })) };
    expect(renderDailyFeedPage(pageModel(plain, ORIGIN, 'Europe/London'))).toContain(
      '<p class="marking top">OFFICIAL</p>',
    );
  });
});
