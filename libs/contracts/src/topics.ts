/** Live topics: `region`, `authority:<code>`, `cell:<slug>`, `feed`. */
export type Topic = 'region' | 'feed' | `authority:${string}` | `cell:${string}`;

export type ParsedTopic =
  { kind: 'region' } | { kind: 'feed' } | { kind: 'authority'; code: string } | { kind: 'cell'; slug: string };

const AUTHORITY_CODE = /^[EWSN]\d{8}$/;
const CELL_SLUG = /^[a-z][a-z0-9-]{0,62}$/;

export function parseTopic(text: string): ParsedTopic | undefined {
  if (text === 'region') return { kind: 'region' };
  if (text === 'feed') return { kind: 'feed' };
  const [prefix, value, extra] = text.split(':');
  if (extra !== undefined || value === undefined) return undefined;
  if (prefix === 'authority' && AUTHORITY_CODE.test(value)) return { kind: 'authority', code: value };
  if (prefix === 'cell' && CELL_SLUG.test(value)) return { kind: 'cell', slug: value };
  return undefined;
}

/** The topics an event is published on: always the region, plus its cell and authorities. */
export function topicsOf(event: { type: string; cell?: string; authorities: readonly string[] }): Topic[] {
  const topics: Topic[] = ['region'];
  if (event.cell !== undefined) topics.push(`cell:${event.cell}`);
  for (const code of new Set(event.authorities)) topics.push(`authority:${code}`);
  if (event.type === 'feed.published') topics.push('feed');
  return topics;
}
