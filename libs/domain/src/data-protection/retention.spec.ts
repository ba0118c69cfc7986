import { RetentionPolicy, retentionFor } from './retention';
import { person } from '@muster/builders';

describe('retentionFor', () => {
  const held: RetentionPolicy = {
    recordType: 'access-audit',
    retainDays: 365,
    legalHold: true,
    reason: 'Inquiry module 2: the Ladywood care home outbreak',
    updatedBy: { sub: 'admin-1', name: 'Admin One' },
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
