import type { BoardSitrepItem } from '@muster/application';
import type { Cell } from '@muster/domain';
import type { JournalRecord } from '@muster/contracts';
import { escalationItem, planBoardChanges, sitrepKeysOf } from './board-changes';

const ppe: Cell = {
  slug: 'ppe',
  name: 'PPE',
  description: '',
  status: 'standby',
  decisionTimescaleMinutes: 60,
  sitrepCutoff: '10:00',
  figures: [
    { key: 'masks_days', label: 'Masks', unit: 'days', carriesForward: true },
    { key: 'requests', label: 'Requests', unit: 'requests', carriesForward: false },
  ],
  thresholds: [],
  activationCriteria: [],
};
const cells = new Map([['ppe', ppe]]);

function record(seq: number, type: JournalRecord['type'], data: Record<string, unknown>): JournalRecord {
  return {
    seq,
    type,
    at: '2026-11-20T09:00:00.000Z',
    cell: 'ppe',
    authorities: [],
    topics: ['region'],
    marking: 'OFFICIAL',
    data,
  };
}
const sitrep = (seq: number, authority: string, date: string, figures: Record<string, number>, version = 1) =>
  record(seq, 'sitrep.submitted', { cell: 'ppe', authority, date, version, figures });

describe('planBoardChanges', () => {
  it('chains changes to one item within a batch, closing the stored version once, at the first change', () => {
    const changes = planBoardChanges(
      [
        record(10, 'escalation.raised', { id: 'e1', title: 'Low stock' }),
        record(11, 'decision.logged', { id: 'd1' }),
        record(12, 'escalation.acknowledged', { id: 'e1' }),
        record(13, 'escalation.resolved', { id: 'e1' }),
      ],
      cells,
      new Map(),
    );

    expect(changes.closes).toEqual([{ kind: 'escalation', key: 'e1', seq: 10 }]);
    expect(changes.versions.map((v) => [v.kind, v.key, v.seqFrom, v.seqTo])).toEqual([
      ['escalation', 'e1', 10, 12],
      ['escalation', 'e1', 12, 13],
    ]);
  });

  it('keeps each action at its latest status, marked as its decision, whatever the status', () => {
    const action = (seq: number, type: JournalRecord['type'], status: string) => ({
      ...record(seq, type, { actionId: 'a1', status, action: 'Arrange courier' }),
      marking: 'OFFICIAL-SENSITIVE' as const,
      authorities: ['E08000028'],
    });
    const changes = planBoardChanges(
      [
        action(20, 'action.created', 'open'),
        action(21, 'action.overdue', 'overdue'),
        action(22, 'action.updated', 'done'),
      ],
      cells,
      new Map(),
    );
    expect(changes.closes).toEqual([{ kind: 'action', key: 'a1', seq: 20 }]);
    expect(changes.versions.map((v) => [v.key, v.seqFrom, v.seqTo, v.data])).toEqual([
      [
        'a1',
        20,
        21,
        { id: 'a1', cell: 'ppe', status: 'open', marking: 'OFFICIAL-SENSITIVE', authorities: ['E08000028'] },
      ],
      [
        'a1',
        21,
        22,
        { id: 'a1', cell: 'ppe', status: 'overdue', marking: 'OFFICIAL-SENSITIVE', authorities: ['E08000028'] },
      ],
      [
        'a1',
        22,
        null,
        { id: 'a1', cell: 'ppe', status: 'done', marking: 'OFFICIAL-SENSITIVE', authorities: ['E08000028'] },
      ],
    ]);
  });

  it('carries a sitrep item forward from the stored one and from earlier reports in the batch', () => {
    const stored: BoardSitrepItem = {
      cell: 'ppe',
      authority: 'A',
      date: '2026-11-19',
      version: 1,
      figures: { masks_days: 4, requests: 9 },
      carried: [],
      base: {},
    };
    const changes = planBoardChanges(
      [
        sitrep(20, 'A', '2026-11-20', { requests: 3 }),
        sitrep(21, 'A', '2026-11-20', { requests: 2 }, 2),
        // A correction to an earlier day does not change today's picture.
        sitrep(22, 'A', '2026-11-19', { masks_days: 1 }, 2),
        sitrep(23, 'B', '2026-11-20', { masks_days: 8 }),
      ],
      cells,
      new Map([['ppe/A', stored]]),
    );

    expect(changes.closes).toEqual([
      { kind: 'sitrep', key: 'ppe/A', seq: 20 },
      { kind: 'sitrep', key: 'ppe/B', seq: 23 },
    ]);
    expect(changes.versions.map((v) => [v.key, v.seqFrom, v.seqTo, (v.data as BoardSitrepItem).figures])).toEqual([
      ['ppe/A', 20, 21, { masks_days: 4, requests: 3 }],
      ['ppe/A', 21, null, { masks_days: 4, requests: 2 }],
      ['ppe/B', 23, null, { masks_days: 8 }],
    ]);
  });

  it("keeps of an escalation event only the board item's fields, not the step's note, reason or actor", () => {
    const snapshot = {
      id: 'e1',
      title: 'Low stock',
      severity: 'high',
      level: 'cell',
      status: 'open',
      overdue: false,
      ackDueAt: '2026-11-20T10:00:00.000Z',
    };
    const changes = planBoardChanges(
      [
        record(10, 'escalation.raised', { ...snapshot, actor: 'Ola Officer' }),
        record(11, 'escalation.acknowledged', {
          ...snapshot,
          status: 'acknowledged',
          ackDueAt: null,
          actor: 'Lee Lead',
          note: 'On it',
          decisionRequestId: 'r1',
        }),
        record(12, 'escalation.escalated', {
          ...snapshot,
          level: 'regional',
          actor: 'Lee Lead',
          from: 'cell',
          reason: 'Needs the region',
        }),
      ],
      cells,
      new Map(),
    );

    const item = { ...snapshot, cell: 'ppe', marking: 'OFFICIAL' };
    expect(changes.versions.map((v) => v.data)).toEqual([
      item,
      { ...item, status: 'acknowledged', ackDueAt: null },
      { ...item, level: 'regional' },
    ]);
  });

  it('reads a stored escalation item as the board shows it, also one projected with the whole event', () => {
    const stored = {
      id: 'e1',
      title: 'Low stock',
      severity: 'high',
      level: 'cell',
      status: 'open',
      overdue: false,
      ackDueAt: null,
      cell: 'ppe',
      marking: 'OFFICIAL',
      actor: 'Lee Lead',
      note: 'On it',
    };
    expect(escalationItem(stored)).toEqual({
      id: 'e1',
      title: 'Low stock',
      severity: 'high',
      level: 'cell',
      status: 'open',
      overdue: false,
      ackDueAt: null,
      cell: 'ppe',
      marking: 'OFFICIAL',
    });
  });

  it('names the sitrep items a batch touches, once each', () => {
    expect(
      sitrepKeysOf([
        sitrep(1, 'A', '2026-11-20', {}),
        sitrep(2, 'A', '2026-11-20', {}),
        record(3, 'escalation.raised', { id: 'e' }),
      ]),
    ).toEqual(['ppe/A']);
  });
});
