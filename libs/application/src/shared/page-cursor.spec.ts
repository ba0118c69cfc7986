import { DomainError } from '@muster/domain';
import { decodeCursor, encodeCursor } from './page-cursor';

const position = { at: '2026-11-22T10:00:00.123Z', id: '0b0e1f4c-2d3a-4c5b-8e6f-7a8b9c0d1e2f' };

describe('page cursors', () => {
  it('round-trips a position for its own list, as an opaque URL-safe token', () => {
    const cursor = encodeCursor('escalations', position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('escalations', cursor)).toEqual(position);
  });

  it.each([
    ['another list’s cursor', encodeCursor('decision-requests', position)],
    ['not base64 JSON', 'not-a-cursor'],
    ['an empty string', ''],
    ['a JSON object', Buffer.from('{"at":"x"}').toString('base64url')],
    [
      'a date PostgreSQL would refuse',
      Buffer.from(JSON.stringify(['escalations', '0000-01-01T00:00:00.000Z', position.id])).toString('base64url'),
    ],
    [
      'a date past year 9999',
      Buffer.from(JSON.stringify(['escalations', '+010000-01-01T00:00:00.000Z', position.id])).toString('base64url'),
    ],
    [
      'a date not written as this api writes it',
      Buffer.from(JSON.stringify(['escalations', '2026-11-22', position.id])).toString('base64url'),
    ],
    [
      'an id that is not a UUID',
      Buffer.from(JSON.stringify(['escalations', position.at, "1' OR '1'='1"])).toString('base64url'),
    ],
  ])('refuses %s with a 400 naming the cursor', (_label, cursor) => {
    expect(() => decodeCursor('escalations', cursor)).toThrow(DomainError);
    let thrown: unknown;
    try {
      decodeCursor('escalations', cursor);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'validation-failed', errors: [{ path: 'cursor' }] });
  });
});
