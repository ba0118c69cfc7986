import { ROLES } from '@muster/contracts';
import { CellStatus } from '../reference/region';
import { CriteriaEvaluation } from './criteria';
import { activateCell, activationEpisode, shouldAskToActivate, standDownCell } from './governance-rules';
import { BIRMINGHAM, frozen, officer, outcome, person, regional, seededCell } from '@muster/builders';

const NOW = new Date('2026-11-20T11:00:00.000Z');
const ppe = (status: CellStatus) => frozen(seededCell('ppe', { status }));
const handover = { openEscalations: ['esc-1'], openRequests: ['dr-2', 'dr-3'], note: 'Reserve stock handed to the SCG' };

describe('activateCell', () => {
  it('given a standby cell and a regional coordinator, then the cell is active and cell.activated is recorded', () => {
    const { cell, event } = activateCell(ppe('standby'), regional(), 'FFP3 under 3 days in Sandwell and Walsall', NOW);
    expect(cell).toEqual({ ...seededCell('ppe'), status: 'active' });
    expect(event).toEqual({
      type: 'cell.activated',
      cell: 'ppe',
      authorities: [],
      marking: 'OFFICIAL',
      data: { slug: 'ppe', reason: 'FFP3 under 3 days in Sandwell and Walsall', by: regional().name, at: NOW.toISOString() },
    });
  });

  it('given a stood-down cell, then it may be stood up again (a second wave)', () => {
    expect(activateCell(ppe('stood-down'), regional(), 'Second wave', NOW).cell.status).toBe('active');
  });

  it('given an active cell, then it conflicts, 409', () => {
    expect(outcome(() => activateCell(ppe('active'), regional(), 'again', NOW))).toBe('conflict');
  });

  it('given an empty reason, then it fails validation', () => {
    expect(outcome(() => activateCell(ppe('standby'), regional(), '  ', NOW))).toBe('validation-failed');
  });

  it.each(ROLES.filter((r) => r !== 'regional-coordinator'))('given a %s, then it is forbidden', (role) => {
    const who = person(role, { cells: ['ppe'], authority: BIRMINGHAM, clearance: 'OFFICIAL-SENSITIVE' });
    expect(outcome(() => activateCell(ppe('standby'), who, 'because', NOW))).toBe('forbidden');
  });

  it('checks who before what: a forbidden caller learns nothing of the cell’s state', () => {
    expect(outcome(() => activateCell(ppe('active'), officer(), 'because', NOW))).toBe('forbidden');
  });
});

describe('standDownCell', () => {
  it('given an active cell, then it is stood down with the handover recorded', () => {
    const { cell, event } = standDownCell(ppe('active'), regional(), 'Stock recovered for 14 days', frozen({ ...handover }), NOW);
    expect(cell.status).toBe('stood-down');
    expect(event).toEqual({
      type: 'cell.stood-down',
      cell: 'ppe',
      authorities: [],
      marking: 'OFFICIAL',
      data: {
        slug: 'ppe',
        reason: 'Stock recovered for 14 days',
        by: regional().name,
        at: NOW.toISOString(),
        handover: { openEscalations: ['esc-1'], openRequests: ['dr-2', 'dr-3'], note: 'Reserve stock handed to the SCG' },
      },
    });
  });

  it('given a handover without a note, then the note is absent, and nothing open is an empty list', () => {
    const { event } = standDownCell(ppe('active'), regional(), 'Done', { openEscalations: [], openRequests: [] }, NOW);
    expect(event.data.handover).toEqual({ openEscalations: [], openRequests: [] });
  });

  it.each<CellStatus>(['standby', 'stood-down'])('given a %s cell, then it conflicts, 409', (status) => {
    expect(outcome(() => standDownCell(ppe(status), regional(), 'Done', handover, NOW))).toBe('conflict');
  });

  it.each(ROLES.filter((r) => r !== 'regional-coordinator'))('given a %s, then it is forbidden', (role) => {
    const who = person(role, { cells: ['ppe'], authority: BIRMINGHAM });
    expect(outcome(() => standDownCell(ppe('active'), who, 'Done', handover, NOW))).toBe('forbidden');
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
