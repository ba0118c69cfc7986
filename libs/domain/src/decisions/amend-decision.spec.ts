import { amendDecision, currentRecord } from './amend-decision';
import { Amendment, LogEntry } from './decision';
import { linkEntry } from './hash-chain';
import { BIRMINGHAM, chainOf, COVENTRY, lead, present, rule } from '@muster/builders';

const known = new Set([BIRMINGHAM, COVENTRY]);
const at = new Date('2026-11-22T11:00:00.000Z');

/** The fixture's decision 1 was taken at 10:00 and recorded at 10:01. */
const original = present(chainOf(1)[0]);
const RECORDED_AT = Date.parse('2026-11-22T10:01:00.000Z');
const minutes = (n: number) => new Date(RECORDED_AT + n * 60_000).toISOString();

function amendmentEntry(id: string, changes: Amendment['changes'], after: LogEntry, amends = original.id): LogEntry {
  return linkEntry(
    { ...original, id, body: { kind: 'amendment', amends, amendment: { reason: 'correction', changes } } },
    { sequence: after.sequence, hash: after.hash },
  );
}

/** A correction of `of` (the fixture's decision 1 unless told), recorded at 11:00 onto the head of the log. */
const amend = (amendment: Amendment, earlier: LogEntry[] = [], of: LogEntry = original) =>
  rule(amendDecision)
    .given({
      head: { sequence: 1, hash: original.hash },
      journalPosition: 0,
      knownAuthorities: known,
      original: of,
      earlier,
    })
    .when({ by: lead(), at, id: 'amendment-1', amendment });

/** The paths a refused amendment names (a 422), or 'ok'. */
function problemsOf(changes: Amendment['changes'], earlier: LogEntry[] = []): string[] | 'ok' {
  const correction = amend({ reason: 'correction', changes }, earlier);
  return correction.verdict() === 'ok' ? 'ok' : correction.thenRefused('rule-violated').errors.map((e) => e.path);
}

describe('amendDecision', () => {
  it('links a correction onto the log, with the original’s marking and the authorities it adds to the original’s', () => {
    const amendment = { reason: 'typo', changes: { authorities: [COVENTRY] } };
    const { state } = amend(amendment).then([
      expect.objectContaining({
        type: 'decision.amended',
        authorities: [COVENTRY],
        data: expect.objectContaining({
          id: 'amendment-1',
          amends: original.id,
          sequence: 2,
          reason: 'typo',
          changed: ['authorities'],
        }),
      }),
    ]);
    expect(state).toMatchObject({
      id: 'amendment-1',
      cell: 'ppe',
      sequence: 2,
      prevHash: original.hash,
      marking: original.marking,
      authorities: [COVENTRY],
      recordedAt: at.toISOString(),
      body: { kind: 'amendment', amends: original.id, amendment },
    });
  });

  it('refuses an empty change', () => {
    amend({ reason: 'x', changes: {} }).thenRefused('rule-violated', 'changes');
  });

  it('refuses a correction that leaves no option chosen', () => {
    expect(problemsOf({ options: [{ option: 'o', chosen: false }] })).toEqual(['changes.options']);
  });

  it('refuses to amend an amendment', () => {
    const amendment = amendmentEntry('a', { title: 't' }, original);
    amend({ reason: 'y', changes: { title: 'u' } }, [], amendment).thenRefused('rule-violated');
  });

  describe('the corrected record passes the rules of a new decision, judged when the original was recorded', () => {
    it('given decidedAt moved into 2099, then refused: a decision cannot be taken after it was recorded', () => {
      expect(problemsOf({ decidedAt: '2099-01-01T00:00:00.000Z' })).toEqual(['changes.decidedAt']);
    });

    it('given decidedAt moved later within the clock tolerance of its recording, then accepted', () => {
      expect(problemsOf({ decidedAt: minutes(4) })).toBe('ok');
      expect(problemsOf({ decidedAt: minutes(6) })).toEqual(['changes.decidedAt']);
    });

    it('given decidedAt moved back by days without a delay reason, then refused naming the delay reason', () => {
      expect(problemsOf({ decidedAt: '2026-11-19T10:00:00.000Z' })).toEqual(['changes.delayReason']);
    });

    it('given decidedAt moved back by days with a delay reason, then accepted', () => {
      expect(
        problemsOf({
          decidedAt: '2026-11-19T10:00:00.000Z',
          delayReason: 'Logged from the paper log after the incident',
        }),
      ).toBe('ok');
    });

    it('given decidedAt moved back within the grace period, then no reason is needed', () => {
      expect(problemsOf({ decidedAt: minutes(-14) })).toBe('ok');
    });

    it('given a review date before the corrected decidedAt, then refused', () => {
      expect(problemsOf({ reviewBy: '2026-11-22T09:00:00.000Z' })).toEqual(['changes.reviewBy']);
    });

    it('judges the record with the earlier amendments applied, not the original alone', () => {
      // An earlier correction gave a delay reason: a later one may then move the decision back.
      const first = amendmentEntry('a1', { delayReason: 'Taken on the phone at the scene' }, original);
      expect(problemsOf({ decidedAt: '2026-11-20T08:00:00.000Z' }, [first])).toBe('ok');
      // An earlier correction moved the decision back with a reason: a review date must now follow the new time only.
      const back = amendmentEntry('a2', { decidedAt: '2026-11-20T08:00:00.000Z', delayReason: 'paper log' }, original);
      expect(problemsOf({ reviewBy: '2026-11-21T08:00:00.000Z' }, [back])).toBe('ok');
      // An earlier correction set a review date: this one may not move the decision past it.
      const review = amendmentEntry('a3', { reviewBy: minutes(2) }, original);
      expect(problemsOf({ decidedAt: minutes(3) }, [review])).toEqual(['changes.reviewBy']);
    });

    it('ignores amendments of other decisions', () => {
      const other = amendmentEntry('x1', { delayReason: 'about another decision' }, original, 'another-decision');
      expect(problemsOf({ decidedAt: '2026-11-20T08:00:00.000Z' }, [other])).toEqual(['changes.delayReason']);
    });
  });

  it('reads the record as corrected, in order', () => {
    if (original.body.kind !== 'decision') throw new Error('fixture');
    const first = amendmentEntry('a1', { title: 'Second' }, original);
    const second = amendmentEntry('a2', { title: 'Third', rationale: 'new' }, first);
    const record = currentRecord(original.body.record, [first, second]);
    expect(record.title).toBe('Third');
    expect(record.rationale).toBe('new');
    expect(record.decision).toBe('d');
  });
});
