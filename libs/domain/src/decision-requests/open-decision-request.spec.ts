import { Role, ROLES } from '@muster/contracts';
import { Principal } from '../access/principal';
import { openDecisionRequest, OpenDecisionRequestInput } from './open-decision-request';
import {
  ASKED_AT,
  asker,
  BIRMINGHAM,
  COVENTRY,
  KNOWN_AUTHORITIES,
  openInput,
  person,
  rule,
  scopedPerson,
} from '@muster/builders';

/** One person per role (named by it), in the homelessness cell and for Birmingham where the role has a scope. */
const inHomelessness = (role: Role): Principal =>
  scopedPerson(role, {
    sub: role,
    name: role,
    ...(role === 'cell-lead' || role === 'cell-member' ? { cells: ['homelessness'] } : {}),
  });
const officer = inHomelessness('authority-officer');

/** Asked at ASKED_AT, as `dr-1`, in a region that knows Birmingham and Coventry. */
const open = (input: OpenDecisionRequestInput, by: Principal = asker()) =>
  rule(openDecisionRequest)
    .given({ knownAuthorities: KNOWN_AUTHORITIES })
    .when({ ...input, by, at: ASKED_AT, id: 'dr-1' });

describe('openDecisionRequest', () => {
  it('opens the request due dueInMinutes from now, asked by the caller', () => {
    const input = openInput({ context: 'Rough sleeping up 40% this week', options: ['Book', 'Wait'] });
    const { state } = open(input).then([
      {
        type: 'decision-request.opened',
        cell: 'homelessness',
        authorities: [],
        marking: 'OFFICIAL',
        data: { id: 'dr-1', question: input.question, dueAt: '2026-11-22T16:00:00.000Z', status: 'open' },
      },
    ]);
    expect(state).toEqual({
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
  });

  it('takes an absolute dueAt and normalises it to UTC', () => {
    const input = openInput({ dueInMinutes: undefined, dueAt: '2026-11-22T16:00:00+00:00' });
    expect(open(input).decided().state.dueAt).toBe('2026-11-22T16:00:00.000Z');
  });

  const allowed: Role[] = ['cell-lead', 'cell-member', 'authority-officer', 'regional-coordinator'];
  for (const role of ROLES) {
    const expected = allowed.includes(role) ? 'ok' : 'forbidden';
    it(`may be opened for the cell by ${role} → ${expected}`, () => {
      expect(open(openInput(), inHomelessness(role)).verdict()).toBe(expected);
    });
  }

  it('refuses people of another cell', () => {
    open(openInput(), person('cell-member', { sub: 'f', cells: ['food'] })).thenRefused('forbidden');
  });

  it('defaults an officer’s request to their own authority and refuses another', () => {
    const { state } = open(openInput(), officer).then([
      expect.objectContaining({
        authority: BIRMINGHAM,
        authorities: [BIRMINGHAM],
        data: expect.objectContaining({ authority: BIRMINGHAM }),
      }),
    ]);
    expect(state.authority).toBe(BIRMINGHAM);
    expect(open(openInput({ authority: BIRMINGHAM }), officer).verdict()).toBe('ok');
    open(openInput({ authority: COVENTRY }), officer).thenRefused('forbidden');
  });

  it('lets cell people and regional name any known authority', () => {
    expect(open(openInput({ authority: COVENTRY })).decided().state.authority).toBe(COVENTRY);
    expect(open(openInput({ authority: COVENTRY }), inHomelessness('regional-coordinator')).verdict()).toBe('ok');
  });

  it('refuses an unknown authority (422, authority)', () => {
    const refusal = open(openInput({ authority: 'E09999999' })).thenRefused('rule-violated', 'authority');
    expect(refusal.errors).toEqual([{ path: 'authority', message: 'unknown authority E09999999' }]);
  });

  it.each([
    [
      'both dueAt and dueInMinutes',
      { dueAt: '2026-11-22T16:00:00Z', dueInMinutes: 60 },
      'give either dueAt or dueInMinutes, not both',
    ],
    ['neither', { dueInMinutes: undefined }, 'dueAt or dueInMinutes is required'],
    ['a dueAt in the past', { dueInMinutes: undefined, dueAt: '2026-11-22T11:59:00Z' }, 'must be in the future'],
    ['a dueAt of now', { dueInMinutes: undefined, dueAt: ASKED_AT.toISOString() }, 'must be in the future'],
    ['zero minutes', { dueInMinutes: 0 }, 'must be in the future'],
    ['negative minutes', { dueInMinutes: -5 }, 'must be in the future'],
    ['an unreadable dueAt', { dueInMinutes: undefined, dueAt: 'teatime' }, 'is not a valid time'],
  ])('refuses %s (422, dueAt)', (_, overrides, message) => {
    expect(open(openInput(overrides)).thenRefused('rule-violated', 'dueAt').errors).toEqual([
      { path: 'dueAt', message },
    ]);
  });

  it('reports a bad due time and an unknown authority together', () => {
    open(openInput({ dueInMinutes: -1, authority: 'E09999999' })).thenRefused('rule-violated', 'dueAt', 'authority');
  });

  it('needs clearance to open a sensitive request', () => {
    const input = openInput({ marking: 'OFFICIAL-SENSITIVE' });
    open(input).thenRefused('forbidden');
    const cleared = person('cell-member', { sub: 'm', cells: ['homelessness'], clearance: 'OFFICIAL-SENSITIVE' });
    expect(open(input, cleared).decided().state.marking).toBe('OFFICIAL-SENSITIVE');
  });
});
