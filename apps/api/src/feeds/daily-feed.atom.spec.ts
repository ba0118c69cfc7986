import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { atomProblems } from '@muster/testing';
import { dailyFeedAtom } from './daily-feed.atom';
import { HOSTILE, hostileView } from '@muster/builders';

const ORIGIN = 'https://muster.example';
const REGION = { code: 'E47000007', name: `West Midlands ${HOSTILE}` };

/** Elements with a `type` attribute parse to their text under '#text'. */
interface AtomEntry {
  id: string;
  title: { '#text': string; '@_type': string };
  updated: string;
  link: { '@_href': string };
  content: { '#text': string; '@_type': string };
}

function parse(xml: string): { feed: { title: string; id: string; entry: AtomEntry[] } } {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' });
  return parser.parse(xml) as { feed: { title: string; id: string; entry: AtomEntry[] } };
}

describe('the Atom document of daily feeds', () => {
  const views = [hostileView('2026-11-20', 2), hostileView('2026-11-19', 1)];
  const xml = dailyFeedAtom(views, REGION, ORIGIN, 'Europe/London');

  it('is well-formed XML even with hostile names and titles', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    // eslint-disable-next-line no-control-regex -- the feed must carry none of these control characters
    expect(xml).not.toMatch(/[\u0001\u0008]/);
  });

  it('has one entry per published day, with a stable id, its link, and updated = generatedAt', () => {
    const { feed } = parse(xml);
    expect(feed.id).toBe('tag:muster,2026:E47000007:feeds:daily');
    expect(feed.entry.map((e) => [e.id, e.link['@_href'], e.updated])).toEqual([
      ['tag:muster,2026:E47000007:daily:2026-11-20', `${ORIGIN}/feeds/daily/2026-11-20`, '2026-11-20T23:00:00.000Z'],
      ['tag:muster,2026:E47000007:daily:2026-11-19', `${ORIGIN}/feeds/daily/2026-11-19`, '2026-11-19T23:00:00.000Z'],
    ]);
    expect(feed.entry[0]?.title).toEqual({
      '#text': '2026-11-20: daily situation report (version 2)',
      '@_type': 'html',
    });
  });

  it('keeps hostile text as text: the HTML content is escaped once, so a reader shows it as written', () => {
    const { feed } = parse(xml);
    const content = feed.entry[0]?.content['#text'] ?? '';
    expect(feed.entry[0]?.content['@_type']).toBe('html');
    expect(content).toContain('PPE &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&#39;s');
    expect(content).not.toContain('<script>');
    expect(content).toContain('Not reported: Coventry.');
    expect(feed.title).toContain('West Midlands <script>');
  });

  it('meets every requirement of RFC 4287: feed id, title, updated and author; each entry’s id, title, updated and link', () => {
    expect(atomProblems(xml)).toEqual([]);
    expect(xml).toContain('<author>');
    expect(xml).toContain(`<link rel="self" href="${ORIGIN}/api/v1/feeds/daily.atom"/>`);
    const privately = dailyFeedAtom(views, REGION, ORIGIN, 'Europe/London', `${ORIGIN}/feeds/daily.atom?key=k`);
    expect(atomProblems(privately)).toEqual([]);
    expect(privately).toContain(`<link rel="self" href="${ORIGIN}/feeds/daily.atom?key=k"/>`);
  });

  it('a document without an author, or an entry without an id, fails the RFC 4287 check (the check can fail)', () => {
    expect(atomProblems(xml.replace(/<author>[\s\S]*?<\/author>/, ''))).toEqual(
      expect.arrayContaining(['entry 1: no atom:author, and the feed has none']),
    );
    expect(atomProblems(xml.replace(/<id>tag:muster,2026:E47000007:daily:2026-11-20<\/id>/, ''))).toEqual([
      'entry 1: has 0 atom:id, must have exactly one',
    ]);
  });

  it('is valid with no feed published yet', () => {
    const empty = dailyFeedAtom([], REGION, ORIGIN, 'Europe/London');
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(atomProblems(empty)).toEqual([]);
    expect(parse(empty).feed.entry ?? []).toEqual([]);
  });
});
