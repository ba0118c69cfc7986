import { ROLES } from '@muster/contracts';
import { CellStatus } from '../reference/region';
import { CriteriaEvaluation } from './criteria';
import {
  activateCell,
  activationEpisode,
  returnToStandby,
  shouldAskToActivate,
  standDownCell,
} from './governance-rules';
import { HandoverAssignment, OpenItem } from './handover';
import { BIRMINGHAM, officer, person, regional, rule, seededCell } from '@muster/builders';

const NOW = new Date('2026-11-20T11:00:00.000Z');
const ppe = (status: CellStatus) => seededCell('ppe', { status });
const open: OpenItem[] = [
  { kind: 'escalation', id: 'esc-1', title: 'FFP3 out in Sandwell' },
  { kind: 'decision-request', id: 'dr-2', title: 'Release the reserve?' },
  { kind: 'decision-request', id: 'dr-3', title: 'Extend the hub hours?' },
];
const assignments: HandoverAssignment[] = [
  { kind: 'escalation', id: 'esc-1', to: { sub: 'asha', name: 'Asha Patel' } },
  { kind: 'decision-request', id: 'dr-2', to: { role: 'regional-coordinator' } },
  { kind: 'decision-request', id: 'dr-3', to: { role: 'cell-lead' } },
];
const handover = { open, assignments, note: 'Reserve stock handed to the SCG' };
const activate = rule(activateCell);
const standDown = rule(standDownCell);

describe('activateCell', () => {
  it('given a standby cell and a regional coordinator, then the cell is active and cell.activated is recorded', () => {
    const { state } = activate
      .given(ppe('standby'))
      .when({ by: regional(), at: NOW, reason: 'FFP3 under 3 days in Sandwell and Walsall' })
      .then([
        {
          type: 'cell.activated',
          cell: 'ppe',
          authorities: [],
          marking: 'OFFICIAL',
          data: {
            slug: 'ppe',
            reason: 'FFP3 under 3 days in Sandwell and Walsall',
            by: regional().name,
            at: NOW.toISOString(),
          },
        },
      ]);
    expect(state).toEqual({ ...seededCell('ppe'), status: 'active' });
  });

  it('given a stood-down cell, then it may be stood up again (a second wave)', () => {
    expect(
      activate.given(ppe('stood-down')).when({ by: regional(), at: NOW, reason: 'Second wave' }).decided().state.status,
    ).toBe('active');
  });

  it('given an active cell, then it conflicts, 409', () => {
    activate.given(ppe('active')).when({ by: regional(), at: NOW, reason: 'again' }).thenRefused('conflict');
  });

  it('given an empty reason, then it fails validation', () => {
    activate
      .given(ppe('standby'))
      .when({ by: regional(), at: NOW, reason: '  ' })
      .thenRefused('validation-failed', 'reason');
  });

  it.each(ROLES.filter((r) => r !== 'regional-coordinator'))('given a %s, then it is forbidden', (role) => {
    const who = person(role, { cells: ['ppe'], authority: BIRMINGHAM, clearance: 'OFFICIAL-SENSITIVE' });
    activate.given(ppe('standby')).when({ by: who, at: NOW, reason: 'because' }).thenRefused('forbidden');
  });

  it('checks who before what: a forbidden caller learns nothing of the cell’s state', () => {
    activate.given(ppe('active')).when({ by: officer(), at: NOW, reason: 'because' }).thenRefused('forbidden');
  });
});

describe('standDownCell', () => {
  it('given an active cell, then it is stood down with the handover recorded', () => {
    const { state } = standDown
      .given(ppe('active'))
      .when({ by: regional(), at: NOW, reason: 'Stock recovered for 14 days', ...handover })
      .then([
        {
          type: 'cell.stood-down',
          cell: 'ppe',
          authorities: [],
          marking: 'OFFICIAL',
          data: {
            slug: 'ppe',
            reason: 'Stock recovered for 14 days',
            by: regional().name,
            at: NOW.toISOString(),
            handover: {
              openEscalations: ['esc-1'],
              openRequests: ['dr-2', 'dr-3'],
              items: [
                { ...assignments[0], title: 'FFP3 out in Sandwell' },
                { ...assignments[1], title: 'Release the reserve?' },
                { ...assignments[2], title: 'Extend the hub hours?' },
              ],
              note: 'Reserve stock handed to the SCG',
            },
          },
        },
      ]);
    expect(state.status).toBe('stood-down');
  });

  it('given a handover without a note, then the note is absent, and nothing open is an empty list', () => {
    const { events } = standDown
      .given(ppe('active'))
      .when({ by: regional(), at: NOW, reason: 'Done', open: [], assignments: [] })
      .decided();
    expect(events[0]?.data).toEqual(
      expect.objectContaining({ handover: { openEscalations: [], openRequests: [], items: [] } }),
    );
  });

  it.each<CellStatus>(['standby', 'stood-down'])('given a %s cell, then it conflicts, 409', (status) => {
    standDown
      .given(ppe(status))
      .when({ by: regional(), at: NOW, reason: 'Done', ...handover })
      .thenRefused('conflict');
  });

  it.each(ROLES.filter((r) => r !== 'regional-coordinator'))('given a %s, then it is forbidden', (role) => {
    const who = person(role, { cells: ['ppe'], authority: BIRMINGHAM });
    standDown
      .given(ppe('active'))
      .when({ by: who, at: NOW, reason: 'Done', ...handover })
      .thenRefused('forbidden');
  });

  it('refuses a handover that leaves an item unnamed, names one twice, or names what is not open, each at its place', () => {
    const when = (given: HandoverAssignment[]) =>
      standDown.given(ppe('active')).when({ by: regional(), at: NOW, reason: 'Done', open, assignments: given });
    const missing = when(assignments.slice(0, 2)).thenRefused('rule-violated', 'handover');
    expect(missing.errors[0]?.message).toBe('names nobody to take decision-request dr-3 (Extend the hub hours?)');
    when([...assignments, assignments[0] as HandoverAssignment]).thenRefused('rule-violated', 'handover.3');
    when([...assignments, { kind: 'escalation', id: 'esc-9', to: { role: 'admin' } }]).thenRefused(
      'rule-violated',
      'handover.3',
    );
    when([{ kind: 'escalation', id: 'esc-1', to: { sub: ' ' } }, ...assignments.slice(1)]).thenRefused(
      'rule-violated',
      'handover.0.to',
    );
    // Nothing named at all, with three open: all three listed.
    expect(when([]).thenRefused('rule-violated', 'handover', 'handover', 'handover').errors).toHaveLength(3);
  });
});

describe('returnToStandby', () => {
  const back = rule(returnToStandby);

  it('returns a stood-down cell to standby, recorded as cell.returned-to-standby', () => {
    const { state } = back
      .given(ppe('stood-down'))
      .when({ by: regional(), at: NOW, reason: 'Ready for a second wave' })
      .then([
        {
          type: 'cell.returned-to-standby',
          cell: 'ppe',
          authorities: [],
          marking: 'OFFICIAL',
          data: {
            slug: 'ppe',
            reason: 'Ready for a second wave',
            by: regional().name,
            at: NOW.toISOString(),
            from: 'stood-down',
          },
        },
      ]);
    expect(state.status).toBe('standby');
  });

  it.each<CellStatus>(['standby', 'active'])('given a %s cell, then it conflicts', (status) => {
    back.given(ppe(status)).when({ by: regional(), at: NOW, reason: 'x' }).thenRefused('conflict');
  });

  it('is for regional coordinators only, with a reason', () => {
    back.given(ppe('stood-down')).when({ by: officer(), at: NOW, reason: 'x' }).thenRefused('forbidden');
    back
      .given(ppe('stood-down'))
      .when({ by: regional(), at: NOW, reason: ' ' })
      .thenRefused('validation-failed', 'reason');
  });
});

describe('asking to stand up governance', () => {
  const met: CriteriaEvaluation = { met: true, matches: [{ criterion: 'x', authorities: ['a', 'b'] }] };
  const unmet: CriteriaEvaluation = { met: false, matches: [] };

  it.each<[CellStatus, CriteriaEvaluation, boolean, boolean]>([
    ['standby', met, false, true],
    ['stood-down', met, false, true],
    ['active', met, false, false],
    ['standby', met, true, false],
    ['standby', unmet, false, false],
    ['stood-down', unmet, true, false],
  ])('given a %s cell, criteria %j and episode open %s, then ask: %s', (status, evaluation, episodeOpen, ask) => {
    expect(shouldAskToActivate(ppe(status), evaluation, episodeOpen)).toBe(ask);
  });

  it('asks once per episode: not again while the criteria hold, again after they clear and return', () => {
    const cell = ppe('standby');
    const timeline = [unmet, met, met, met, unmet, met, met];
    let episodeOpen = false;
    const asked: boolean[] = [];
    for (const evaluation of timeline) {
      const step = activationEpisode(cell, evaluation, episodeOpen);
      asked.push(step.ask);
      episodeOpen = step.episodeOpen;
    }
    expect(asked).toEqual([false, true, false, false, false, true, false]);
  });

  it('does not ask straight back after standing down while the criteria still hold', () => {
    const whileActive = activationEpisode(ppe('active'), met, false);
    expect(whileActive).toEqual({ ask: false, episodeOpen: true });
    expect(activationEpisode(ppe('stood-down'), met, whileActive.episodeOpen).ask).toBe(false);
    const cleared = activationEpisode(ppe('stood-down'), unmet, true);
    expect(cleared).toEqual({ ask: false, episodeOpen: false });
    expect(activationEpisode(ppe('stood-down'), met, cleared.episodeOpen).ask).toBe(true);
  });
});
