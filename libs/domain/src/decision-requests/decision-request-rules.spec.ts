import { Marking, Role, ROLES } from '@muster/contracts';
import { canSee } from '../access/policy';
import { Principal } from '../access/principal';
import { Answer, decideDecisionRequest, markOverdue, pendingDeadline } from './decision-request-rules';
import { canViewDecisionRequest } from './decision-request-access';
import { BIRMINGHAM, COVENTRY, decisionRequest, person, plus, rule, scopedPerson } from '@muster/builders';

/** One person per role, in the homelessness cell and for Birmingham where the role has a scope. */
const inHomelessness = (role: Role, clearance: Marking = 'OFFICIAL'): Principal =>
  scopedPerson(role, {
    sub: role,
    clearance,
    ...(role === 'cell-lead' || role === 'cell-member' ? { cells: ['homelessness'] } : {}),
  });
const lead = inHomelessness('cell-lead');
const answer = (id: string, marking: Marking = 'OFFICIAL', authorities: string[] = []): Answer => ({
  id,
  marking,
  authorities,
});
const due = new Date('2026-11-22T16:00:00.000Z');

const markOverdueAt = rule(markOverdue);
const decide = rule(decideDecisionRequest);

describe('markOverdue (the request deadline)', () => {
  it('does nothing before the deadline, marks overdue once at it, then never again', () => {
    // Given an open request due at 16:00
    const request = decisionRequest();
    expect(pendingDeadline(request)).toBe(due.toISOString());
    // When the job runs a moment early, then nothing happens
    markOverdueAt
      .given(request)
      .when({ at: plus(due, -1), escalationId: 'esc-1' })
      .thenNothing();
    // When it runs at the deadline, then the request is overdue, pointing at its escalation
    const { state: overdue } = markOverdueAt
      .given(request)
      .when({ at: due, escalationId: 'esc-1' })
      .then([
        {
          type: 'decision-request.overdue',
          cell: 'homelessness',
          authorities: [],
          marking: 'OFFICIAL',
          data: {
            id: 'dr-1',
            question: request.question,
            dueAt: request.dueAt,
            status: 'overdue',
            escalationId: 'esc-1',
          },
        },
      ]);
    expect(overdue).toEqual({
      ...request,
      status: 'overdue',
      escalationId: 'esc-1',
      overdueAt: due.toISOString(),
      version: 2,
    });
    // When the job runs again, then nothing
    markOverdueAt
      .given(overdue)
      .when({ at: plus(due, 3_600_000), escalationId: 'esc-2' })
      .thenNothing();
    expect(pendingDeadline(overdue)).toBeUndefined();
  });

  it('marks overdue when the job runs long after the deadline', () => {
    const late = plus(due, 86_400_000);
    expect(
      markOverdueAt.given(decisionRequest()).when({ at: late, escalationId: 'esc-1' }).decided().state.overdueAt,
    ).toBe(late.toISOString());
  });

  it('does nothing to a decided request', () => {
    const { state: decided } = decide
      .given(decisionRequest())
      .when({ by: lead, at: plus(due, -60_000), answer: answer('dec-1') })
      .decided();
    markOverdueAt
      .given(decided)
      .when({ at: plus(due, 60_000), escalationId: 'esc-1' })
      .thenNothing();
    expect(pendingDeadline(decided)).toBeUndefined();
  });
});

describe('decideDecisionRequest', () => {
  const now = new Date('2026-11-22T15:00:00.000Z');

  it('closes an open request with the decision that answered it', () => {
    const request = decisionRequest({ authority: BIRMINGHAM });
    const { state } = decide
      .given(request)
      .when({ by: lead, at: now, answer: answer('dec-1') })
      .then([
        {
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
        },
      ]);
    expect(state).toEqual({
      ...request,
      status: 'decided',
      decisionId: 'dec-1',
      decidedAt: now.toISOString(),
      version: 2,
    });
  });

  it('still accepts a late answer to an overdue request', () => {
    const { state: overdue } = markOverdueAt
      .given(decisionRequest())
      .when({ at: due, escalationId: 'esc-1' })
      .decided();
    const { state } = decide
      .given(overdue)
      .when({ by: lead, at: plus(due, 600_000), answer: answer('dec-2') })
      .decided();
    expect(state).toMatchObject({ status: 'decided', decisionId: 'dec-2', escalationId: 'esc-1', version: 3 });
  });

  it('conflicts (409) when deciding twice', () => {
    const { state: decided } = decide
      .given(decisionRequest())
      .when({ by: lead, at: now, answer: answer('dec-1') })
      .decided();
    decide
      .given(decided)
      .when({ by: lead, at: now, answer: answer('dec-2') })
      .thenRefused('conflict');
  });

  const deciders: Role[] = ['cell-lead', 'regional-coordinator'];
  for (const role of ROLES) {
    const expected = deciders.includes(role) ? 'ok' : 'forbidden';
    it(`may be answered by ${role} → ${expected}`, () => {
      expect(
        decide
          .given(decisionRequest())
          .when({ by: inHomelessness(role), at: now, answer: answer('dec-1') })
          .verdict(),
      ).toBe(expected);
    });
  }

  it('refuses the lead of another cell, and an uncleared lead on a sensitive request', () => {
    const foodLead = person('cell-lead', { sub: 'f', cells: ['food'] });
    decide
      .given(decisionRequest())
      .when({ by: foodLead, at: now, answer: answer('dec-1') })
      .thenRefused('forbidden');
    const sensitive = decisionRequest({ marking: 'OFFICIAL-SENSITIVE' });
    decide
      .given(sensitive)
      .when({ by: lead, at: now, answer: answer('dec-1') })
      .thenRefused('forbidden');
    const cleared = inHomelessness('cell-lead', 'OFFICIAL-SENSITIVE');
    expect(
      decide
        .given(sensitive)
        .when({ by: cleared, at: now, answer: answer('dec-1', 'OFFICIAL-SENSITIVE') })
        .verdict(),
    ).toBe('ok');
  });

  describe('an answer names its request, so it may reach nobody the request does not', () => {
    const clearedLead = inHomelessness('cell-lead', 'OFFICIAL-SENSITIVE');
    const sensitive = decisionRequest({ marking: 'OFFICIAL-SENSITIVE', authority: BIRMINGHAM });
    const refusal = (a: Answer, request = sensitive) =>
      decide.given(request).when({ by: clearedLead, at: now, answer: a });
    const accepted = (a: Answer, request = sensitive) => refusal(a, request).verdict() === 'ok';

    it('given a sensitive request, when answered with an OFFICIAL decision, then refused naming the marking', () => {
      refusal(answer('dec-1', 'OFFICIAL', [BIRMINGHAM])).thenRefused('rule-violated', 'marking');
    });

    it('given a sensitive request, when answered at its marking for its own authority or none, then accepted', () => {
      expect(accepted(answer('dec-1', 'OFFICIAL-SENSITIVE', [BIRMINGHAM]))).toBe(true);
      expect(accepted(answer('dec-1', 'OFFICIAL-SENSITIVE', []))).toBe(true);
    });

    it('given a sensitive request, when the answer names another authority, then refused naming it', () => {
      refusal(answer('dec-1', 'OFFICIAL-SENSITIVE', [BIRMINGHAM, COVENTRY])).thenRefused(
        'rule-violated',
        'authorities.1',
      );
      refusal(
        answer('dec-1', 'OFFICIAL-SENSITIVE', [COVENTRY]),
        decisionRequest({ marking: 'OFFICIAL-SENSITIVE' }),
      ).thenRefused('rule-violated', 'authorities.0');
    });

    it('given an OFFICIAL request, then any answer may be given', () => {
      expect(accepted(answer('dec-1', 'OFFICIAL', [COVENTRY]), decisionRequest({ authority: BIRMINGHAM }))).toBe(true);
      expect(
        accepted(answer('dec-1', 'OFFICIAL-SENSITIVE', [COVENTRY]), decisionRequest({ authority: BIRMINGHAM })),
      ).toBe(true);
    });

    it('agrees with the policy: whoever may see an accepted answer may see its request', () => {
      const requests = [
        decisionRequest({ marking: 'OFFICIAL-SENSITIVE', authority: BIRMINGHAM }),
        decisionRequest({ marking: 'OFFICIAL-SENSITIVE' }),
        decisionRequest(),
      ];
      const answers = (['OFFICIAL', 'OFFICIAL-SENSITIVE'] as const).flatMap((marking) =>
        [[], [BIRMINGHAM], [COVENTRY], [BIRMINGHAM, COVENTRY]].map((authorities) =>
          answer('dec-1', marking, authorities),
        ),
      );
      const readers = ROLES.flatMap((role) =>
        [BIRMINGHAM, COVENTRY].map((authority) =>
          person(role, { sub: 'r', cells: ['homelessness'], authority, clearance: 'OFFICIAL-SENSITIVE' }),
        ),
      );
      for (const request of requests) {
        const requestItem = {
          marking: request.marking,
          cell: request.cell,
          authorities: request.authority === undefined ? [] : [request.authority],
        };
        for (const a of answers.filter((candidate) => accepted(candidate, request))) {
          for (const reader of readers) {
            if (canSee(reader, { marking: a.marking, cell: request.cell, authorities: a.authorities }))
              expect(canSee(reader, requestItem)).toBe(true);
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
      expect(canViewDecisionRequest(inHomelessness(role, 'OFFICIAL-SENSITIVE'), request)).toBe(
        role !== 'mayors-office',
      );
    }
  });
});
