import type { Role } from '@muster/contracts';
import { principal } from '@muster/domain';
import { ListRetentionPolicies } from '../list-retention-policies/list-retention-policies.query';
import { ListRetentionPoliciesHandler } from '../list-retention-policies/list-retention-policies.handler';
import { ChangeRetentionPolicy } from './change-retention-policy.command';
import { ChangeRetentionPolicyHandler } from './change-retention-policy.handler';
import { FakeClock, fakeRetention, FakeStore } from '@muster/doubles';
import { outcomeOf } from '@muster/builders';

const NOW = new Date('2026-11-22T09:00:00.000Z');
const as = (role: Role) =>
  principal({ sub: role, name: `A ${role}`, roles: [role], cells: ['ppe'], clearance: 'OFFICIAL-SENSITIVE' });

function setUp() {
  const unitOfWork = new FakeStore();
  const store = unitOfWork.tables(fakeRetention);
  return {
    store,
    unitOfWork,
    change: new ChangeRetentionPolicyHandler(unitOfWork, new FakeClock(NOW)),
    list: new ListRetentionPoliciesHandler(store),
  };
}

describe('changing and reading retention settings', () => {
  it('lets an administrator set a period and a legal hold, recording who and why', async () => {
    const { store, change } = setUp();
    const saved = await change.execute(
      new ChangeRetentionPolicy(as('admin'), 'resolved-escalation', {
        retainDays: 730,
        legalHold: true,
        reason: 'Inquiry module 2',
      }),
    );
    expect(saved).toEqual({
      recordType: 'resolved-escalation',
      retainDays: 730,
      legalHold: true,
      reason: 'Inquiry module 2',
      updatedBy: { sub: 'admin', name: 'A admin' },
      updatedAt: NOW.toISOString(),
    });
    expect(store.policies.get('resolved-escalation')).toEqual(saved);
  });

  it('journals each change with the policy as it now stands, marked sensitive (a hold tells of an inquiry)', async () => {
    const { change, unitOfWork } = setUp();
    const saved = await change.execute(
      new ChangeRetentionPolicy(as('admin'), 'sitrep', {
        retainDays: 400,
        legalHold: true,
        reason: 'Inquiry module 2',
      }),
    );
    expect(unitOfWork.events).toEqual([
      { type: 'retention.changed', authorities: [], marking: 'OFFICIAL-SENSITIVE', data: saved, actor: 'admin' },
    ]);
  });

  it.each(['regional-coordinator', 'cell-lead', 'mayors-office', 'authority-officer', 'cell-member'] as const)(
    'refuses a %s',
    async (role) => {
      const { store, unitOfWork, change, list } = setUp();
      expect(
        await outcomeOf(
          change.execute(
            new ChangeRetentionPolicy(as(role), 'sitrep', { retainDays: null, legalHold: false, reason: 'x' }),
          ),
        ),
      ).toBe('forbidden');
      expect(await outcomeOf(list.execute(new ListRetentionPolicies(as(role))))).toBe('forbidden');
      expect(store.policies.size).toBe(0);
      expect(unitOfWork.events).toEqual([]);
    },
  );

  it('offers no setting for the decision log or the journal', async () => {
    const { change, list } = setUp();
    for (const kept of ['decision-log', 'journal', 'decision_log_entry']) {
      expect(
        await outcomeOf(
          change.execute(
            new ChangeRetentionPolicy(as('admin'), kept, { retainDays: 1, legalHold: false, reason: 'x' }),
          ),
        ),
      ).toBe('not-found');
    }
    expect((await list.execute(new ListRetentionPolicies(as('admin')))).keptForGood).toEqual([
      'decision-log',
      'journal',
    ]);
  });

  it('refuses periods that are not whole days, and idempotency records kept under the 24 h replay window', async () => {
    const { store, change } = setUp();
    for (const [type, days] of [
      ['sitrep', 0],
      ['sitrep', 1.5],
      ['sitrep', -3],
      ['idempotency-record', 1],
    ] as const) {
      expect(
        await outcomeOf(
          change.execute(
            new ChangeRetentionPolicy(as('admin'), type, { retainDays: days, legalHold: false, reason: 'x' }),
          ),
        ),
      ).toBe('validation-failed');
    }
    expect(store.policies.size).toBe(0);
  });
});
