import { DomainError } from '@muster/domain';

/** Where the next page of a list starts: after the item with this sort instant and id. */
export interface ListPosition {
  at: string;
  id: string;
}

/** A page of a list filtered for its reader, and where the next one starts (none when this is the last). */
export interface Page<T> {
  items: T[];
  next: ListPosition | undefined;
}

/** Which list a cursor belongs to: a cursor of one list is refused by another. */
export type ListName = 'escalations' | 'decision-requests' | 'actions';

/** Lists ordered by a text key of their own (the people directory, by `sub`). */
export type KeyedListName = 'people';

/** Years 1 to 9999: what both JavaScript and PostgreSQL take as a timestamp. */
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');
/** A UTF-16 surrogate without its pair: PostgreSQL's text cannot hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque to clients: they pass back what `next` gave them and nothing else. */
export function encodeCursor(list: ListName, position: ListPosition): string {
  return Buffer.from(JSON.stringify([list, position.at, position.id])).toString('base64url');
}

/** Reads a cursor a client sent back, refusing anything `encodeCursor` did not make for this list (400 naming `cursor`). */
export function decodeCursor(list: ListName, cursor: string): ListPosition {
  const position = parse(cursor);
  if (position === undefined || position.list !== list) {
    const message = 'is not a cursor this list gave';
    throw new DomainError('validation-failed', `cursor ${message}`, [{ path: 'cursor', message }]);
  }
  return { at: position.at, id: position.id };
}

function parse(cursor: string): { list: string; at: string; id: string } | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) return undefined;
  const [list, at, id] = decoded as unknown[];
  if (typeof list !== 'string' || typeof at !== 'string' || typeof id !== 'string') return undefined;
  // Only an instant as this api writes it: it goes into a timestamp comparison, so nothing PostgreSQL could refuse.
  const ms = Date.parse(at);
  if (!(ms >= EARLIEST && ms <= LATEST) || new Date(ms).toISOString() !== at || !UUID.test(id)) return undefined;
  return { list, at, id };
}

/** A cursor into a list ordered by a text key: after the item with this key. */
export function encodeKeyCursor(list: KeyedListName, key: string): string {
  return Buffer.from(JSON.stringify([list, key])).toString('base64url');
}

/** Reads a keyed list's cursor, refusing anything `encodeKeyCursor` did not make for it (400 naming `cursor`). */
export function decodeKeyCursor(list: KeyedListName, cursor: string): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (Array.isArray(decoded) && decoded.length === 2) {
    const [name, key] = decoded as unknown[];
    // Only what a text column can hold goes on into a comparison.
    if (
      name === list &&
      typeof key === 'string' &&
      key.length > 0 &&
      !LONE_SURROGATE.test(key) &&
      !key.includes('\u0000')
    ) {
      return key;
    }
  }
  const message = 'is not a cursor this list gave';
  throw new DomainError('validation-failed', `cursor ${message}`, [{ path: 'cursor', message }]);
}
