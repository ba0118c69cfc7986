import { GENESIS_HASH } from './hash-chain';
import { logDecision } from './log-decision';
import { BIRMINGHAM, decisionInput, lead as leadOf, person, SANDWELL, rule } from '@muster/builders';
import type { DecisionInput } from './log-decision';
import type { Principal } from '../access/principal';

const lead = leadOf({ sub: 'lead-1', name: 'Asha Lead' });

const at = new Date('2026-11-22T10:05:00.000Z');
const head = { sequence: 4, hash: 'a'.repeat(64) };

/** Recorded at 10:05 as `dec-5` onto the PPE log (four entries long), in a region that knows Birmingham and Sandwell. */
const log = (input: DecisionInput, by: Principal = lead) =>
  rule(logDecision)
    .given({ head, journalPosition: 42, knownAuthorities: new Set([BIRMINGHAM, SANDWELL]) })
    .when({ by, at, id: 'dec-5', cell: 'ppe', input });

describe('logDecision (JDM rules)', () => {
  it('accepts a complete decision, linked onto the head, and defaults who decided to the recorder', () => {
    const { state } = log(decisionInput({ authorities: [SANDWELL, BIRMINGHAM, SANDWELL] })).then([
      expect.objectContaining({
        type: 'decision.logged',
        cell: 'ppe',
        authorities: [BIRMINGHAM, SANDWELL],
        data: expect.objectContaining({
          id: 'dec-5',
          sequence: 5,
          decidedBy: 'Asha Lead',
          recordedAt: at.toISOString(),
        }),
      }),
    ]);
    expect(state).toMatchObject({
      id: 'dec-5',
      sequence: 5,
      prevHash: head.hash,
      authorities: [BIRMINGHAM, SANDWELL],
      recordedBy: { sub: 'lead-1', name: 'Asha Lead' },
    });
    expect(state.body).toMatchObject({
      kind: 'decision',
      record: { decidedBy: 'Asha Lead', actions: [], journalPosition: 42 },
    });
  });

  it('starts a cell’s chain when the log is empty', () => {
    const { state } = rule(logDecision)
      .given({ head: undefined, journalPosition: 0, knownAuthorities: new Set() })
      .when({ by: lead, at, id: 'dec-1', cell: 'ppe', input: decisionInput(), decisionRequestId: 'dr-1' })
      .decided();
    expect(state).toMatchObject({
      sequence: 1,
      prevHash: GENESIS_HASH,
      body: { record: { decisionRequestId: 'dr-1' } },
    });
  });

  it('requires at least one chosen option', () => {
    const refusal = log(decisionInput({ options: [{ option: 'a', chosen: false }] })).thenRefused(
      'rule-violated',
      'options',
    );
    expect(refusal.errors).toEqual([{ path: 'options', message: 'at least one option must be chosen' }]);
  });

  it('requires a delay reason more than 15 minutes after the decision', () => {
    const late = decisionInput({ decidedAt: '2026-11-22T09:49:59.000Z' });
    log(late).thenRefused('rule-violated', 'delayReason');
    expect(log({ ...late, delayReason: 'meeting ran on' }).verdict()).toBe('ok');
  });

  it('needs no delay reason at exactly 15 minutes', () => {
    expect(log(decisionInput({ decidedAt: '2026-11-22T09:50:00.000Z' })).verdict()).toBe('ok');
  });

  it('refuses a blank delay reason', () => {
    log(decisionInput({ decidedAt: '2026-11-22T08:00:00.000Z', delayReason: '   ' })).thenRefused(
      'rule-violated',
      'delayReason',
    );
  });

  it('refuses decisions dated in the future and reviews before the decision', () => {
    log(decisionInput({ decidedAt: '2026-11-22T10:30:00.000Z', reviewBy: '2026-11-22T10:00:00.000Z' })).thenRefused(
      'rule-violated',
      'decidedAt',
      'reviewBy',
    );
  });

  it('names unknown authorities by position', () => {
    const refusal = log(decisionInput({ authorities: [BIRMINGHAM, 'E09999999'] })).thenRefused(
      'rule-violated',
      'authorities.1',
    );
    expect(refusal.errors).toEqual([{ path: 'authorities.1', message: 'unknown authority E09999999' }]);
  });

  it('refuses a sensitive decision from a recorder without clearance', () => {
    const input = decisionInput({ marking: 'OFFICIAL-SENSITIVE' });
    log(input).thenRefused('forbidden');
    const cleared = person('cell-lead', { sub: 'l', cells: ['ppe'], clearance: 'OFFICIAL-SENSITIVE' });
    expect(log(input, cleared).decided().state.marking).toBe('OFFICIAL-SENSITIVE');
  });
});
