import { changeRetention, MAX_RETAIN_DAYS, RetentionPolicy, retentionFor } from './retention';
import type { Recorder } from '../decisions/decision';
import { person, rule } from '@muster/builders';

describe('retentionFor', () => {
  const held: RetentionPolicy = {
    recordType: 'access-audit',
    retainDays: 365,
    legalHold: true,
    reason: 'Inquiry module 2: the Ladywood care home outbreak',
    updatedBy: { sub: 'admin-1', name: 'Admin One' } satisfies Recorder,
    updatedAt: '2026-11-20T09:00:00.000Z',
  };

  it('shows a cleared administrator the reason for a hold', () => {
    expect(retentionFor(person('admin', { sub: 'a', clearance: 'OFFICIAL-SENSITIVE' }), held)).toEqual(held);
  });

  it('withholds the reason from an administrator without clearance, and says so', () => {
    expect(retentionFor(person('admin', { sub: 'a' }), held)).toEqual({ ...held, reason: null, reasonWithheld: true });
  });

  it('has nothing to withhold where no reason was given', () => {
    const defaults = { ...held, legalHold: false, reason: null, updatedBy: 'system' as const };
    expect(retentionFor(person('admin', { sub: 'a' }), defaults)).toEqual(defaults);
  });
});

describe('changeRetention', () => {
  const at = new Date('2026-11-20T10:00:00.000Z');
  const by = person('admin', { sub: 'admin-1', name: 'Admin One' });
  const change = rule(changeRetention);

  it('replaces the policy and journals who changed what, and why, as OFFICIAL-SENSITIVE', () => {
    const policy = {
      recordType: 'resolved-escalation' as const,
      retainDays: 2555,
      legalHold: true,
      reason: 'Inquiry module 2',
      updatedBy: { sub: 'admin-1', name: 'Admin One' },
      updatedAt: at.toISOString(),
    };
    const { state } = change
      .when({
        by,
        at,
        recordType: 'resolved-escalation',
        retainDays: 2555,
        legalHold: true,
        reason: 'Inquiry module 2',
      })
      .then([{ type: 'retention.changed', authorities: [], marking: 'OFFICIAL-SENSITIVE', data: policy }]);
    expect(state).toEqual(policy);
  });

  it('keeps a type for good when given no period', () => {
    expect(
      change.when({ by, at, recordType: 'sitrep', retainDays: null, legalHold: false, reason: 'keep' }).decided().state
        .retainDays,
    ).toBeNull();
  });

  it.each([
    ['an idempotency record kept for a day, shorter than the 24 h replay promise', 'idempotency-record', 1],
    ['a fraction of a day', 'sitrep', 1.5],
    ['no days', 'access-audit', 0],
    ['more than a hundred years', 'sitrep', MAX_RETAIN_DAYS + 1],
  ] as const)('refuses %s, naming retainDays', (_, recordType, retainDays) => {
    change
      .when({ by, at, recordType, retainDays, legalHold: false, reason: 'r' })
      .thenRefused('validation-failed', 'retainDays');
  });
});
