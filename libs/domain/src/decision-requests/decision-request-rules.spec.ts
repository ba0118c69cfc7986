import { Marking, Role, ROLES } from '@muster/contracts';
import { canSee } from '../access/policy';
import { Principal } from '../access/principal';
import { DomainError } from '../shared/domain-error';
import { FakeClock } from '@muster/doubles';
import { Answer, decideDecisionRequest, markOverdue, pendingDeadline } from './decision-request-rules';
import { canViewDecisionRequest } from './decision-request-access';
import { BIRMINGHAM, COVENTRY, decisionRequest, frozen, must, outcome, person, scopedPerson } from '@muster/builders';

/** One person per role, in the homelessness cell and for Birmingham where the role has a scope. */
const inHomelessness = (role: Role, clearance: Marking = 'OFFICIAL'): Principal =>
  scopedPerson(role, { sub: role, clearance, ...(role === 'cell-lead' || role === 'cell-member' ? { cells: ['homelessness'] } : {}) });
const lead = inHomelessness('cell-lead');
const answer = (id: string, marking: Marking = 'OFFICIAL', authorities: string[] = []): Answer => ({ id, marking, authorities });
const due = new Date('2026-11-22T16:00:00.000Z');

describe('markOverdue (the request deadline)', () => {
  it('does nothing before the deadline, marks overdue once at it, then never again', () => {
    // Given an open request due at 16:00
    const clock = new FakeClock(new Date(due.getTime() - 1));
    const request = frozen(decisionRequest());
    expect(pendingDeadline(request)).toBe(due.toISOString());
    // When the job runs a moment early, then nothing happens
    expect(markOverdue(request, clock.now(), 'esc-1')).toBeUndefined();
    // When it runs at the deadline, then the request is overdue, pointing at its escalation
    clock.advance(1);
    const { request: overdue, event } = must(markOverdue(request, clock.now(), 'esc-1'));
    expect(overdue).toEqual({ ...request, status: 'overdue', escalationId: 'esc-1', overdueAt: due.toISOString(), version: 2 });
    expect(event).toEqual({
      type: 'decision-request.overdue',
      cell: 'homelessness',
      authorities: [],
      marking: 'OFFICIAL',
      data: { id: 'dr-1', question: request.question, dueAt: request.dueAt, status: 'overdue', escalationId: 'esc-1' },
    });
    // When the job runs again, then nothing
    clock.advance(3_600_000);
    expect(markOverdue(overdue, clock.now(), 'esc-2')).toBeUndefined();
    expect(pendingDeadline(overdue)).toBeUndefined();
  });

  it('marks overdue when the job runs long after the deadline', () => {
    const late = new Date(due.getTime() + 86_400_000);
    expect(must(markOverdue(decisionRequest(), late, 'esc-1')).request.overdueAt).toBe(late.toISOString());
  });

  it('does nothing to a decided request', () => {
    const decided = decideDecisionRequest(decisionRequest(), lead, answer('dec-1'), new Date(due.getTime() - 60_000)).request;
    expect(markOverdue(decided, new Date(due.getTime() + 60_000), 'esc-1')).toBeUndefined();
    expect(pendingDeadline(decided)).toBeUndefined();
  });
});

describe('decideDecisionRequest', () => {
  const now = new Date('2026-11-22T15:00:00.000Z');

  it('closes an open request with the decision that answered it', () => {
    const request = frozen(decisionRequest({ authority: BIRMINGHAM }));
    const { request: decided, event } = decideDecisionRequest(request, lead, answer('dec-1'), now);
    expect(decided).toEqual({ ...request, status: 'decided', decisionId: 'dec-1', decidedAt: now.toISOString(), version: 2 });
    expect(event).toEqual({
      type: 'decision-request.decided',
      cell: 'homelessness',
      authority: BIRMINGHAM,
      authorities: [BIRMINGHAM],
      marking: 'OFFICIAL',
      data: {
        id: 'dr-1',
        question: request.question,
        dueAt: request.dueAt,
        status: 'decided',
        authority: BIRMINGHAM,
        decisionId: 'dec-1',
        decidedAt: now.toISOString(),
      },
    });
  });

  it('still accepts a late answer to an overdue request', () => {
    const overdue = must(markOverdue(decisionRequest(), due, 'esc-1')).request;
    const later = new Date(due.getTime() + 600_000);
    const { request } = decideDecisionRequest(frozen(overdue), lead, answer('dec-2'), later);
    expect(request).toMatchObject({ status: 'decided', decisionId: 'dec-2', escalationId: 'esc-1', version: 3 });
  });

  it('conflicts (409) when deciding twice', () => {
    const decided = decideDecisionRequest(decisionRequest(), lead, answer('dec-1'), now).request;
    expect(outcome(() => decideDecisionRequest(decided, lead, answer('dec-2'), now))).toBe('conflict');
  });

  const deciders: Role[] = ['cell-lead', 'regional-coordinator'];
  for (const role of ROLES) {
    const expected = deciders.includes(role) ? 'ok' : 'forbidden';
    it(`may be answered by ${role} → ${expected}`, () => {
      expect(outcome(() => decideDecisionRequest(decisionRequest(), inHomelessness(role), answer('dec-1'), now))).toBe(expected);
    });
  }

  it('refuses the lead of another cell, and an uncleared lead on a sensitive request', () => {
    const foodLead = person('cell-lead', { sub: 'f', cells: ['food'] });
    expect(outcome(() => decideDecisionRequest(decisionRequest(), foodLead, answer('dec-1'), now))).toBe('forbidden');
    const sensitive = decisionRequest({ marking: 'OFFICIAL-SENSITIVE' });
    expect(outcome(() => decideDecisionRequest(sensitive, lead, answer('dec-1'), now))).toBe('forbidden');
    expect(outcome(() => decideDecisionRequest(sensitive, inHomelessness('cell-lead', 'OFFICIAL-SENSITIVE'), answer('dec-1', 'OFFICIAL-SENSITIVE'), now))).toBe('ok');
  });

  describe('an answer names its request, so it may reach nobody the request does not', () => {
    const clearedLead = inHomelessness('cell-lead', 'OFFICIAL-SENSITIVE');
    const sensitive = decisionRequest({ marking: 'OFFICIAL-SENSITIVE', authority: BIRMINGHAM });
    const refusal = (a: Answer, request = sensitive) => {
      try {
        decideDecisionRequest(request, clearedLead, a, now);
        return 'ok';
      } catch (error) {
        return error instanceof DomainError ? [error.code, ...error.errors.map((e) => e.path)] : error;
      }
    };

    it('given a sensitive request, when answered with an OFFICIAL decision, then refused naming the marking', () => {
      expect(refusal(answer('dec-1', 'OFFICIAL', [BIRMINGHAM]))).toEqual(['rule-violated', 'marking']);
    });

    it('given a sensitive request, when answered at its marking for its own authority or none, then accepted', () => {
      expect(refusal(answer('dec-1', 'OFFICIAL-SENSITIVE', [BIRMINGHAM]))).toBe('ok');
      expect(refusal(answer('dec-1', 'OFFICIAL-SENSITIVE', []))).toBe('ok');
    });

    it('given a sensitive request, when the answer names another authority, then refused naming it', () => {
      expect(refusal(answer('dec-1', 'OFFICIAL-SENSITIVE', [BIRMINGHAM, COVENTRY]))).toEqual(['rule-violated', 'authorities.1']);
      expect(refusal(answer('dec-1', 'OFFICIAL-SENSITIVE', [COVENTRY]), decisionRequest({ marking: 'OFFICIAL-SENSITIVE' }))).toEqual(['rule-violated', 'authorities.0']);
    });

    it('given an OFFICIAL request, then any answer may be given', () => {
      expect(refusal(answer('dec-1', 'OFFICIAL', [COVENTRY]), decisionRequest({ authority: BIRMINGHAM }))).toBe('ok');
      expect(refusal(answer('dec-1', 'OFFICIAL-SENSITIVE', [COVENTRY]), decisionRequest({ authority: BIRMINGHAM }))).toBe('ok');
    });

    it('agrees with the policy: whoever may see an accepted answer may see its request', () => {
      const requests = [decisionRequest({ marking: 'OFFICIAL-SENSITIVE', authority: BIRMINGHAM }), decisionRequest({ marking: 'OFFICIAL-SENSITIVE' }), decisionRequest()];
      const answers = (['OFFICIAL', 'OFFICIAL-SENSITIVE'] as const).flatMap((marking) =>
        [[], [BIRMINGHAM], [COVENTRY], [BIRMINGHAM, COVENTRY]].map((authorities) => answer('dec-1', marking, authorities)),
      );
      const readers = ROLES.flatMap((role) =>
        [BIRMINGHAM, COVENTRY].map((authority) => person(role, { sub: 'r', cells: ['homelessness'], authority, clearance: 'OFFICIAL-SENSITIVE' })),
      );
      for (const request of requests) {
        const requestItem = { marking: request.marking, cell: request.cell, authorities: request.authority === undefined ? [] : [request.authority] };
        for (const a of answers.filter((candidate) => refusal(candidate, request) === 'ok')) {
          for (const reader of readers) {
            if (canSee(reader, { marking: a.marking, cell: request.cell, authorities: a.authorities })) expect(canSee(reader, requestItem)).toBe(true);
          }
        }
      }
    });
  });
});

describe('canViewDecisionRequest', () => {
  const cases: Array<[string, Parameters<typeof decisionRequest>[0], Role[]]> = [
    ['no authority', {}, [...ROLES]],
    ['for the officer’s authority', { authority: BIRMINGHAM }, [...ROLES]],
    // An OFFICIAL request is part of the cell's business, which every officer may read.
    ['for another authority', { authority: COVENTRY }, [...ROLES]],
    ['another cell', { cell: 'food' }, ['authority-officer', 'regional-coordinator', 'mayors-office', 'admin']],
  ];
  for (const [label, fields, allowed] of cases) {
    for (const role of ROLES) {
      const expected = allowed.includes(role);
      it(`${label}: ${role} ${expected ? 'sees' : 'does not see'} it`, () => {
        expect(canViewDecisionRequest(inHomelessness(role), decisionRequest(fields))).toBe(expected);
      });
    }
  }

  it('applies need to know to sensitive requests', () => {
    const request = decisionRequest({ marking: 'OFFICIAL-SENSITIVE', authority: BIRMINGHAM });
    for (const role of ROLES) {
      expect(canViewDecisionRequest(inHomelessness(role), request)).toBe(false);
      expect(canViewDecisionRequest(inHomelessness(role, 'OFFICIAL-SENSITIVE'), request)).toBe(role !== 'mayors-office');
    }
  });
});
