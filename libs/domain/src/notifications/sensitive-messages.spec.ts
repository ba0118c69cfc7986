import fc from 'fast-check';
import { NOTIFICATION_REASONS, type NotifiableEvent } from './notification-message';
import { NOTIFIED_EVENT_TYPES, notificationMessage } from './message-for';

/** Every payload field that carries someone's free text: a sensitive item's title, detail and the like. */
const FREE_TEXT = ['title', 'detail', 'note', 'reason', 'resolution', 'question', 'action', 'ask'] as const;

const options = { timeZone: 'Europe/London' };

/** A payload with every field any notified event reads, the free text given. */
function payload(text: Record<(typeof FREE_TEXT)[number], string>): Record<string, unknown> {
  return {
    id: 'item-1',
    escalationId: 'esc-1',
    actionId: 'act-1',
    cell: 'ppe',
    severity: 'critical',
    level: 'regional',
    from: 'cell',
    status: 'open',
    actor: 'Asha Patel',
    owner: 'u-1',
    ackDueAt: '2026-11-22T09:15:00.000Z',
    dueAt: '2026-11-22T17:00:00.000Z',
    due: '2026-11-22T17:00:00.000Z',
    nextUpdateDue: '2026-11-22T12:00:00.000Z',
    heldBy: { key: 'u-2', name: 'Dee Cover' },
    handedOverBy: { key: 'u-1', name: 'Asha Patel' },
    kind: 'daily',
    date: '2026-11-22',
    ...text,
  };
}

const secret = fc.string({ minLength: 1, maxLength: 120, unit: 'binary' }).map((s) => `SECRET-${s}`);
const freeText = fc.record(
  Object.fromEntries(FREE_TEXT.map((k) => [k, secret])) as Record<(typeof FREE_TEXT)[number], fc.Arbitrary<string>>,
);

const anyType = fc.constantFrom(...NOTIFIED_EVENT_TYPES);
const anyReason = fc.constantFrom(...NOTIFICATION_REASONS);

describe('an OFFICIAL-SENSITIVE item in a message', () => {
  it('never shows its title, detail or any other free text in the subject or body', () => {
    fc.assert(
      fc.property(anyType, anyReason, freeText, (type, reason, text) => {
        const event: NotifiableEvent = { type, cell: 'ppe', marking: 'OFFICIAL-SENSITIVE', data: payload(text) };
        const written = notificationMessage(event, reason, options);
        if (written === undefined) return;
        const shown = `${written.subject}\n${written.body}\n${written.linkPath}`;
        expect(shown).not.toContain('SECRET-');
        for (const value of Object.values(text)) {
          // Shortened quotes keep a value's start: no 12-character run of it may be shown either.
          const line = value.replace(/\s+/g, ' ').trim();
          expect(shown).not.toContain(line.slice(0, 12));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads the same whatever its free text says', () => {
    const blank = Object.fromEntries(FREE_TEXT.map((k) => [k, 'x'])) as Record<(typeof FREE_TEXT)[number], string>;
    fc.assert(
      fc.property(anyType, anyReason, freeText, (type, reason, text) => {
        const event = (data: Record<string, unknown>): NotifiableEvent => ({
          type,
          cell: 'ppe',
          marking: 'OFFICIAL-SENSITIVE',
          data,
        });
        expect(notificationMessage(event(payload(text)), reason, options)).toEqual(
          notificationMessage(event(payload(blank)), reason, options),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('still names the kind of item and links to where the reader acts, for every notified event', () => {
    for (const type of NOTIFIED_EVENT_TYPES) {
      const text = Object.fromEntries(FREE_TEXT.map((k) => [k, 'SECRET-x'])) as Record<
        (typeof FREE_TEXT)[number],
        string
      >;
      const written = notificationMessage(
        { type, cell: 'ppe', marking: 'OFFICIAL-SENSITIVE', data: payload(text) },
        'holder',
        options,
      );
      expect({ type, link: written?.linkPath.startsWith('/') }).toEqual({ type, link: true });
      // The daily report carries no free text, so it has nothing to withhold.
      const says = type === 'feed.published' || (written?.body.includes('OFFICIAL-SENSITIVE') ?? false);
      expect({ type, says }).toEqual({ type, says: true });
    }
  });
});
