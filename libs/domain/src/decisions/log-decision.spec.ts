import { DomainError } from '../shared/domain-error';
import { prepareDecision } from './log-decision';
import { BIRMINGHAM, decisionInput, lead as leadOf, person, SANDWELL } from '@muster/builders';

const lead = leadOf({ sub: 'lead-1', name: 'Asha Lead' });

const now = new Date('2026-11-22T10:05:00.000Z');
const knownAuthorities = new Set([BIRMINGHAM, SANDWELL]);
const ctx = { principal: lead, now, knownAuthorities };

function problemsOf(action: () => unknown): Array<{ path: string; message: string }> {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error.errors;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('prepareDecision (JDM rules)', () => {
  it('accepts a complete decision and defaults who decided to the recorder', () => {
    const prepared = prepareDecision(decisionInput({ authorities: [SANDWELL, BIRMINGHAM, SANDWELL] }), ctx);
    expect(prepared.record.decidedBy).toBe('Asha Lead');
    expect(prepared.record.actions).toEqual([]);
    expect(prepared.authorities).toEqual([BIRMINGHAM, SANDWELL]);
  });

  it('requires at least one chosen option', () => {
    const input = decisionInput({ options: [{ option: 'a', chosen: false }] });
    expect(problemsOf(() => prepareDecision(input, ctx))).toEqual([
      { path: 'options', message: 'at least one option must be chosen' },
    ]);
  });

  it('requires a delay reason more than 15 minutes after the decision', () => {
    const late = decisionInput({ decidedAt: '2026-11-22T09:49:59.000Z' });
    expect(problemsOf(() => prepareDecision(late, ctx)).map((p) => p.path)).toEqual(['delayReason']);
    expect(() => prepareDecision({ ...late, delayReason: 'meeting ran on' }, ctx)).not.toThrow();
  });

  it('needs no delay reason at exactly 15 minutes', () => {
    expect(() => prepareDecision(decisionInput({ decidedAt: '2026-11-22T09:50:00.000Z' }), ctx)).not.toThrow();
  });

  it('refuses a blank delay reason', () => {
    const late = decisionInput({ decidedAt: '2026-11-22T08:00:00.000Z', delayReason: '   ' });
    expect(problemsOf(() => prepareDecision(late, ctx)).map((p) => p.path)).toEqual(['delayReason']);
  });

  it('refuses decisions dated in the future and reviews before the decision', () => {
    const input = decisionInput({ decidedAt: '2026-11-22T10:30:00.000Z', reviewBy: '2026-11-22T10:00:00.000Z' });
    expect(problemsOf(() => prepareDecision(input, ctx)).map((p) => p.path)).toEqual(['decidedAt', 'reviewBy']);
  });

  it('names unknown authorities by position', () => {
    const input = decisionInput({ authorities: [BIRMINGHAM, 'E09999999'] });
    expect(problemsOf(() => prepareDecision(input, ctx))).toEqual([
      { path: 'authorities.1', message: 'unknown authority E09999999' },
    ]);
  });

  it('refuses a sensitive decision from a recorder without clearance', () => {
    const input = decisionInput({ marking: 'OFFICIAL-SENSITIVE' });
    expect(() => prepareDecision(input, ctx)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    const cleared = person('cell-lead', { sub: 'l', cells: ['ppe'], clearance: 'OFFICIAL-SENSITIVE' });
    expect(prepareDecision(input, { ...ctx, principal: cleared }).marking).toBe('OFFICIAL-SENSITIVE');
  });
});
