import { DomainError, OFFICIAL_ONLY, principal, Principal, sensitiveReach } from '@muster/domain';
import { BoardActionItem, BoardEscalationItem, BoardItems, BoardRequestItem, BoardSitrepItem } from '../../ports/board';
import { BoardAuthority, BoardView, GetBoard } from './get-board.query';
import { GetBoardHandler } from './get-board.handler';
import {
  BIRMINGHAM,
  COVENTRY,
  foodCell,
  officerOf,
  person,
  ppeCell,
  regional,
  SANDWELL,
  WALSALL,
} from '@muster/builders';
import { emptyBoard, FakeAccessAudit, FakeClock, FakeReference, londonRegion, RecordingBoard } from '@muster/doubles';

const TODAY = '2026-11-20';
const YESTERDAY = '2026-11-19';

function sitrepItem(
  authority: string,
  date: string,
  figures: Record<string, number>,
  extra: Partial<BoardSitrepItem> = {},
): BoardSitrepItem {
  return { cell: 'ppe', authority, date, version: 1, figures, carried: [], base: {}, ...extra };
}

function escalationItem(id: string, overrides: Partial<BoardEscalationItem> = {}): BoardEscalationItem {
  return {
    id,
    title: `Escalation ${id}`,
    severity: 'high',
    level: 'cell',
    status: 'open',
    overdue: false,
    ackDueAt: '2026-11-20T12:00:00.000Z',
    cell: 'ppe',
    authority: SANDWELL,
    marking: 'OFFICIAL',
    ...overrides,
  };
}

function requestItem(id: string, overrides: Partial<BoardRequestItem> = {}): BoardRequestItem {
  return {
    id,
    question: `Question ${id}?`,
    dueAt: '2026-11-20T12:00:00.000Z',
    status: 'open',
    cell: 'ppe',
    marking: 'OFFICIAL',
    ...overrides,
  };
}

/** The PPE picture on 20 November: three reported today, Walsall last reported yesterday. */
function ppePicture(): BoardItems {
  return {
    ...emptyBoard(),
    sitreps: [
      // Green by its figures, amber by its own assessment: amber.
      sitrepItem(BIRMINGHAM, TODAY, { ffp3_masks_days: 8, gloves_days: 9 }, { rag: 'amber' }),
      // Green by its own assessment, amber by its figures: amber.
      sitrepItem(COVENTRY, TODAY, { ffp3_masks_days: 5 }, { rag: 'green' }),
      sitrepItem(SANDWELL, TODAY, { ffp3_masks_days: 2, gloves_days: 10, requests_outstanding: 20 }, { version: 3 }),
      // Yesterday's report: the days of supply carry forward, the requests (red yesterday) do not.
      sitrepItem(WALSALL, YESTERDAY, { ffp3_masks_days: 6, gloves_days: 8, requests_outstanding: 120 }, { rag: 'red' }),
    ],
  };
}

describe('GetBoardHandler', () => {
  let reference: FakeReference;
  let board: RecordingBoard;
  let clock: FakeClock;
  let handler: GetBoardHandler;

  const read = (who: Principal = regional(), at?: number): Promise<BoardView> => handler.execute(new GetBoard(who, at));
  const row = (view: BoardView, cell: string, authority: string): BoardAuthority => {
    const found = view.cells.find((c) => c.slug === cell)?.authorities.find((a) => a.code === authority);
    if (found === undefined) throw new Error(`no row for ${cell}/${authority}`);
    return found;
  };

  beforeEach(() => {
    reference = new FakeReference([ppeCell(), foodCell()]);
    board = new RecordingBoard(ppePicture(), { seq: 40, at: '2026-11-20T10:59:00.000Z' });
    // 11:00 GMT: past the 10:00 cut-off.
    clock = new FakeClock(new Date('2026-11-20T11:00:00.000Z'));
    handler = new GetBoardHandler(reference, board, londonRegion, clock, new FakeAccessAudit());
  });

  describe('RAG', () => {
    it('gives each authority the worse of its thresholds and its own assessment, and the cell its worst', async () => {
      const view = await read();
      const ppe = view.cells.find((c) => c.slug === 'ppe');
      expect(ppe?.authorities.map((a) => [a.name, a.rag])).toEqual([
        ['Birmingham', 'amber'],
        ['Coventry', 'amber'],
        ['Sandwell', 'red'],
        ['Walsall', 'amber'],
      ]);
      expect(ppe?.rag).toBe('red');
    });

    it('makes the cell amber when its worst authority is amber', async () => {
      board.items_ = { ...ppePicture(), sitreps: ppePicture().sitreps.filter((s) => s.authority !== SANDWELL) };
      expect((await read()).cells.find((c) => c.slug === 'ppe')?.rag).toBe('amber');
    });

    it('judges only figures given: a cell nobody has reported to has no RAG, not green', async () => {
      const food = (await read()).cells.find((c) => c.slug === 'food');
      expect(food?.rag).toBeNull();
      expect(food?.authorities.map((a) => [a.rag, a.figures, a.reportedFor])).toEqual([
        [null, {}, null],
        [null, {}, null],
        [null, {}, null],
        [null, {}, null],
      ]);
    });
  });

  describe('figures', () => {
    it('shows today’s report as reported', async () => {
      expect(row(await read(), 'ppe', SANDWELL)).toEqual({
        code: SANDWELL,
        name: 'Sandwell',
        rag: 'red',
        stale: false,
        reportedFor: TODAY,
        figures: { ffp3_masks_days: 2, gloves_days: 10, requests_outstanding: 20 },
        carried: [],
      });
    });

    it('keeps the carried keys of today’s report', async () => {
      board.items_ = {
        ...emptyBoard(),
        sitreps: [sitrepItem(COVENTRY, TODAY, { ffp3_masks_days: 5, gloves_days: 2 }, { carried: ['gloves_days'] })],
      };
      expect(row(await read(), 'ppe', COVENTRY)).toMatchObject({
        figures: { ffp3_masks_days: 5, gloves_days: 2 },
        carried: ['gloves_days'],
        rag: 'red',
      });
    });

    it('carries an earlier report’s figures only where the cell says so, without its own assessment', async () => {
      expect(row(await read(), 'ppe', WALSALL)).toEqual({
        code: WALSALL,
        name: 'Walsall',
        // From the carried days of supply (6 is amber); yesterday's own "red" and its 120 requests do not stand.
        rag: 'amber',
        stale: true,
        reportedFor: YESTERDAY,
        figures: { ffp3_masks_days: 6, gloves_days: 8 },
        carried: ['ffp3_masks_days', 'gloves_days'],
      });
    });
  });

  describe('staleness against the cell’s cut-off (10:00 Europe/London)', () => {
    it('calls nobody stale before the cut-off', async () => {
      clock.set('2026-11-20T09:59:59.000Z');
      const view = await read();
      expect(view.cells.flatMap((c) => c.authorities.filter((a) => a.stale).map((a) => `${c.slug}/${a.code}`))).toEqual(
        [],
      );
    });

    it('from the cut-off, calls stale exactly those that have not reported for today', async () => {
      clock.set('2026-11-20T10:00:00.000Z');
      const view = await read();
      expect(view.cells.flatMap((c) => c.authorities.filter((a) => a.stale).map((a) => `${c.slug}/${a.code}`))).toEqual(
        [`ppe/${WALSALL}`, `food/${BIRMINGHAM}`, `food/${COVENTRY}`, `food/${SANDWELL}`, `food/${WALSALL}`],
      );
    });

    it('reads the cut-off in local time: 10:00 BST is 09:00 UTC in summer', async () => {
      board.items_ = { ...emptyBoard(), sitreps: [sitrepItem(SANDWELL, '2026-06-15', { ffp3_masks_days: 9 })] };
      clock.set('2026-06-15T08:59:00.000Z');
      expect(row(await read(), 'ppe', WALSALL).stale).toBe(false);
      clock.set('2026-06-15T09:00:00.000Z');
      const view = await read();
      expect(view.date).toBe('2026-06-15');
      expect(row(view, 'ppe', WALSALL).stale).toBe(true);
      expect(row(view, 'ppe', SANDWELL).stale).toBe(false);
    });

    it('takes the reporting day from the region: 00:30 BST on 1 July is 1 July, and yesterday’s reports are not today’s', async () => {
      board.items_ = {
        ...emptyBoard(),
        sitreps: [sitrepItem(SANDWELL, '2026-06-30', { ffp3_masks_days: 9, requests_outstanding: 3 })],
      };
      clock.set('2026-06-30T23:30:00.000Z');
      const view = await read();
      expect(view.date).toBe('2026-07-01');
      expect(row(view, 'ppe', SANDWELL)).toMatchObject({
        reportedFor: '2026-06-30',
        figures: { ffp3_masks_days: 9 },
        stale: false,
      });
    });
  });

  it('shows each cell’s status from the projection, falling back to the reference data', async () => {
    board.items_ = { ...ppePicture(), cells: new Map([['ppe', { status: 'active' }]]) };
    const view = await read();
    expect(view.cells.map((c) => [c.slug, c.name, c.status])).toEqual([
      ['ppe', 'PPE', 'active'],
      ['food', 'Food hubs', 'standby'],
    ]);
  });

  describe('actions', () => {
    const action = (id: string, status: BoardActionItem['status'], extra: Partial<BoardActionItem> = {}) => ({
      id,
      cell: 'ppe',
      status,
      marking: 'OFFICIAL' as const,
      authorities: [SANDWELL],
      ...extra,
    });

    it('counts each cell’s open, done and overdue actions the reader may see, not the dropped ones', async () => {
      board.items_ = {
        ...emptyBoard(),
        actions: [
          action('a1', 'open'),
          action('a2', 'open'),
          action('a3', 'done'),
          action('a4', 'overdue'),
          action('a5', 'dropped'),
          action('a6', 'overdue', { marking: 'OFFICIAL-SENSITIVE' }),
          action('a7', 'open', { cell: 'food' }),
        ],
      };
      const counts = (view: BoardView) => view.cells.map((c) => [c.slug, c.actions]);
      expect(counts(await read(regional({ clearance: 'OFFICIAL-SENSITIVE' })))).toEqual([
        ['ppe', { open: 2, done: 1, overdue: 2 }],
        ['food', { open: 1, done: 0, overdue: 0 }],
      ]);
      // The sensitive overdue action is not counted for a reader without clearance.
      expect(counts(await read(regional()))).toEqual([
        ['ppe', { open: 2, done: 1, overdue: 1 }],
        ['food', { open: 1, done: 0, overdue: 0 }],
      ]);
    });
  });

  describe('need to know', () => {
    beforeEach(() => {
      board.items_ = {
        ...emptyBoard(),
        escalations: [
          escalationItem('esc-official'),
          escalationItem('esc-sandwell', { marking: 'OFFICIAL-SENSITIVE' }),
          escalationItem('esc-food', { marking: 'OFFICIAL-SENSITIVE', cell: 'food', authority: BIRMINGHAM }),
        ],
        requests: [
          requestItem('dr-official'),
          requestItem('dr-sensitive', { marking: 'OFFICIAL-SENSITIVE', authority: SANDWELL }),
        ],
      };
    });

    const seen = async (who: Principal) => {
      const view = await read(who);
      return { escalations: view.escalations.map((e) => e.id), requests: view.decisionRequests.map((r) => r.id) };
    };

    it('hides sensitive escalations and requests from readers without clearance, whatever their role', async () => {
      for (const who of [regional(), person('admin'), officerOf(SANDWELL), person('cell-lead', { cells: ['ppe'] })]) {
        expect(await seen(who)).toEqual({ escalations: ['esc-official'], requests: ['dr-official'] });
      }
    });

    it('shows them to a cleared regional coordinator', async () => {
      expect(await seen(regional({ clearance: 'OFFICIAL-SENSITIVE' }))).toEqual({
        escalations: ['esc-official', 'esc-sandwell', 'esc-food'],
        requests: ['dr-official', 'dr-sensitive'],
      });
    });

    it('shows a cleared reader only the sensitive items of their own authority or cell', async () => {
      expect(await seen(officerOf(SANDWELL, { clearance: 'OFFICIAL-SENSITIVE' }))).toEqual({
        escalations: ['esc-official', 'esc-sandwell'],
        requests: ['dr-official', 'dr-sensitive'],
      });
      expect(await seen(officerOf(WALSALL, { clearance: 'OFFICIAL-SENSITIVE' }))).toEqual({
        escalations: ['esc-official'],
        requests: ['dr-official'],
      });
      expect(await seen(person('cell-member', { cells: ['food'], clearance: 'OFFICIAL-SENSITIVE' }))).toEqual({
        escalations: ['esc-official', 'esc-food'],
        requests: ['dr-official'],
      });
      // Cleared, but the mayor's office has no need to know any one cell's or authority's sensitive items.
      expect(await seen(person('mayors-office', { clearance: 'OFFICIAL-SENSITIVE' }))).toEqual({
        escalations: ['esc-official'],
        requests: ['dr-official'],
      });
    });
  });

  describe('as it stood (`at`)', () => {
    beforeEach(() => {
      board.times = new Map([
        [12, '2026-11-19T15:00:00.000Z'],
        [40, '2026-11-20T10:59:00.000Z'],
      ]);
    });

    it('with no position given, reads the items at the position reached (so asOf names them), dated by the clock', async () => {
      const view = await read();
      expect(board.positionCalls).toEqual([undefined]);
      expect(board.itemCalls).toEqual([40]);
      expect(view.asOf).toEqual({ seq: 40, at: '2026-11-20T10:59:00.000Z' });
      expect(view.date).toBe(TODAY);
    });

    it('passes the position through to the source and dates the picture by that position’s event', async () => {
      const view = await read(regional(), 12);
      expect(board.positionCalls).toEqual([12]);
      expect(board.itemCalls).toEqual([12]);
      expect(view.asOf).toEqual({ seq: 12, at: '2026-11-19T15:00:00.000Z' });
      // At 15:00 on the 19th, Walsall's report for the 19th was that day's: reported, not carried, not stale.
      expect(view.date).toBe(YESTERDAY);
      expect(row(view, 'ppe', WALSALL)).toMatchObject({
        reportedFor: YESTERDAY,
        stale: false,
        rag: 'red',
        figures: { ffp3_masks_days: 6, gloves_days: 8, requests_outstanding: 120 },
        carried: [],
      });
    });

    it('asks the source for the reader’s own last position: their need to know decides which events count', async () => {
      await read(person('mayors-office'), 12);
      await read(regional({ clearance: 'OFFICIAL-SENSITIVE' }), 12);
      expect(board.reaches).toEqual([
        sensitiveReach(person('mayors-office')),
        sensitiveReach(regional({ clearance: 'OFFICIAL-SENSITIVE' })),
      ]);
      expect(board.reaches[1]?.all).toBe(true);
      expect(board.reaches[0]).toEqual(OFFICIAL_ONLY);
    });

    it('caps a position beyond what the projection has reached', async () => {
      const view = await read(regional(), 99);
      expect(board.positionCalls).toEqual([99]);
      expect(board.itemCalls).toEqual([40]);
      expect(view.asOf).toEqual({ seq: 40, at: '2026-11-20T10:59:00.000Z' });
    });
  });

  it('refuses a token that carries no Muster role', async () => {
    const error: unknown = await read(principal({ sub: 'nobody', roles: [] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('forbidden');
    expect(board.itemCalls).toEqual([]);
  });

  describe('one cell (`cell`)', () => {
    beforeEach(() => {
      board.items_ = {
        ...ppePicture(),
        escalations: [escalationItem('esc-ppe'), escalationItem('esc-food', { cell: 'food', authority: BIRMINGHAM })],
        requests: [requestItem('dr-ppe'), requestItem('dr-food', { cell: 'food' })],
      };
    });

    it('shows only that cell, its escalations and its requests, asking the source for that cell alone', async () => {
      const view = await handler.execute(new GetBoard(regional(), undefined, 'food'));
      expect(board.cellCalls).toEqual(['food']);
      expect(view.cells.map((c) => c.slug)).toEqual(['food']);
      expect(view.escalations.map((e) => e.id)).toEqual(['esc-food']);
      expect(view.decisionRequests.map((r) => r.id)).toEqual(['dr-food']);
    });

    it('is the same picture as the whole board gives for that cell', async () => {
      const whole = await read();
      const ppe = await handler.execute(new GetBoard(regional(), undefined, 'ppe'));
      expect(ppe.cells).toEqual(whole.cells.filter((c) => c.slug === 'ppe'));
      expect(ppe.asOf).toEqual(whole.asOf);
    });

    it('answers not-found for a cell that does not exist, reading nothing', async () => {
      const error: unknown = await handler
        .execute(new GetBoard(regional(), undefined, 'nope'))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'not-found' });
      expect(board.itemCalls).toEqual([]);
    });
  });

  it('names each cell’s figures, in the cell’s order, so the numbers can be read', async () => {
    const view = await read();
    expect(view.cells.find((c) => c.slug === 'ppe')?.figures).toEqual(
      ppeCell().figures.map(({ key, label, unit }) => ({ key, label, unit })),
    );
  });

  it('shows every role the board', async () => {
    for (const who of [person('mayors-office'), person('cell-member', { cells: ['food'] }), officerOf(COVENTRY)]) {
      expect((await read(who)).cells).toHaveLength(2);
    }
  });
});
