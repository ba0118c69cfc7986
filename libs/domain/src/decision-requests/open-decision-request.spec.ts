import { Role, ROLES } from '@muster/contracts';
import { Principal } from '../access/principal';
import { DomainError } from '../shared/domain-error';
import { openDecisionRequest, OpenDecisionRequestInput } from './open-decision-request';
import {
  ASKED_AT,
  asker,
  BIRMINGHAM,
  COVENTRY,
  frozen,
  KNOWN_AUTHORITIES,
  openInput,
  outcome,
  person,
  scopedPerson,
} from '@muster/builders';

/** One person per role (named by it), in the homelessness cell and for Birmingham where the role has a scope. */
const inHomelessness = (role: Role): Principal =>
  scopedPerson(role, { sub: role, name: role, ...(role === 'cell-lead' || role === 'cell-member' ? { cells: ['homelessness'] } : {}) });
const officer = inHomelessness('authority-officer');

const open = (input: OpenDecisionRequestInput, p: Principal = asker()) =>
  openDecisionRequest(input, { principal: p, now: ASKED_AT, id: 'dr-1', knownAuthorities: KNOWN_AUTHORITIES });

function problemsOf(action: () => unknown) {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'rule-violated') return error.errors;
    throw error;
  }
  throw new Error('expected a rule violation');
}

describe('openDecisionRequest', () => {
  it('opens the request due dueInMinutes from now, asked by the caller', () => {
    const input = frozen(openInput({ context: 'Rough sleeping up 40% this week', options: ['Book', 'Wait'] }));
    const { request, event } = open(input);
    expect(request).toEqual({
      id: 'dr-1',
      cell: 'homelessness',
      question: input.question,
      context: 'Rough sleeping up 40% this week',
      options: ['Book', 'Wait'],
      dueAt: '2026-11-22T16:00:00.000Z',
      marking: 'OFFICIAL',
      status: 'open',
      requestedBy: { sub: asker().sub, name: asker().name },
      requestedAt: ASKED_AT.toISOString(),
      version: 1,
    });
    expect(event).toEqual({
      type: 'decision-request.opened',
      cell: 'homelessness',
      authorities: [],
      marking: 'OFFICIAL',
      data: { id: 'dr-1', question: input.question, dueAt: '2026-11-22T16:00:00.000Z', status: 'open' },
    });
  });

  it('takes an absolute dueAt and normalises it to UTC', () => {
    const input = openInput({ dueInMinutes: undefined, dueAt: '2026-11-22T16:00:00+00:00' });
    expect(open(input).request.dueAt).toBe('2026-11-22T16:00:00.000Z');
  });

  const allowed: Role[] = ['cell-lead', 'cell-member', 'authority-officer', 'regional-coordinator'];
  for (const role of ROLES) {
    const expected = allowed.includes(role) ? 'ok' : 'forbidden';
    it(`may be opened for the cell by ${role} → ${expected}`, () => {
      expect(outcome(() => open(openInput(), inHomelessness(role)))).toBe(expected);
    });
  }

  it('refuses people of another cell', () => {
    const foodMember = person('cell-member', { sub: 'f', cells: ['food'] });
    expect(outcome(() => open(openInput(), foodMember))).toBe('forbidden');
  });

  it('defaults an officer’s request to their own authority and refuses another', () => {
    const { request, event } = open(openInput(), officer);
    expect(request.authority).toBe(BIRMINGHAM);
    expect(event).toMatchObject({ authority: BIRMINGHAM, authorities: [BIRMINGHAM], data: { authority: BIRMINGHAM } });
    expect(outcome(() => open(openInput({ authority: BIRMINGHAM }), officer))).toBe('ok');
    expect(outcome(() => open(openInput({ authority: COVENTRY }), officer))).toBe('forbidden');
  });

  it('lets cell people and regional name any known authority', () => {
    expect(open(openInput({ authority: COVENTRY })).request.authority).toBe(COVENTRY);
    expect(outcome(() => open(openInput({ authority: COVENTRY }), inHomelessness('regional-coordinator')))).toBe('ok');
  });

  it('refuses an unknown authority (422, authority)', () => {
    expect(problemsOf(() => open(openInput({ authority: 'E09999999' })))).toEqual([
      { path: 'authority', message: 'unknown authority E09999999' },
    ]);
  });

  it.each([
    ['both dueAt and dueInMinutes', { dueAt: '2026-11-22T16:00:00Z', dueInMinutes: 60 }, 'give either dueAt or dueInMinutes, not both'],
    ['neither', { dueInMinutes: undefined }, 'dueAt or dueInMinutes is required'],
    ['a dueAt in the past', { dueInMinutes: undefined, dueAt: '2026-11-22T11:59:00Z' }, 'must be in the future'],
    ['a dueAt of now', { dueInMinutes: undefined, dueAt: ASKED_AT.toISOString() }, 'must be in the future'],
    ['zero minutes', { dueInMinutes: 0 }, 'must be in the future'],
    ['negative minutes', { dueInMinutes: -5 }, 'must be in the future'],
    ['an unreadable dueAt', { dueInMinutes: undefined, dueAt: 'teatime' }, 'is not a valid time'],
  ])('refuses %s (422, dueAt)', (_, overrides, message) => {
    expect(problemsOf(() => open(openInput(overrides)))).toEqual([{ path: 'dueAt', message }]);
  });

  it('reports a bad due time and an unknown authority together', () => {
    const problems = problemsOf(() => open(openInput({ dueInMinutes: -1, authority: 'E09999999' })));
    expect(problems.map((p) => p.path)).toEqual(['dueAt', 'authority']);
  });

  it('needs clearance to open a sensitive request', () => {
    const input = openInput({ marking: 'OFFICIAL-SENSITIVE' });
    expect(outcome(() => open(input))).toBe('forbidden');
    const cleared = person('cell-member', { sub: 'm', cells: ['homelessness'], clearance: 'OFFICIAL-SENSITIVE' });
    expect(open(input, cleared).request.marking).toBe('OFFICIAL-SENSITIVE');
  });
});
