import { principal, sensitiveReach } from '@muster/domain';
import { officerOf, outcomeOf, regional, SANDWELL } from '@muster/builders';
import { FakeAccessAudit, RecordingBoard } from '@muster/doubles';
import { BoardMoment } from '../../ports/board';
import { ListBoardMomentsHandler, MAX_BOARD_MOMENTS } from './list-board-moments.handler';
import { ListBoardMoments } from './list-board-moments.query';

const moment = (seq: number, overrides: Partial<BoardMoment> = {}): BoardMoment => ({
  seq,
  at: `2026-11-20T10:${String(seq).padStart(2, '0')}:00.000Z`,
  id: `decision-${seq}`,
  cell: 'ppe',
  title: `Decision ${seq}`,
  marking: 'OFFICIAL',
  ...overrides,
});

describe('ListBoardMomentsHandler', () => {
  let board: RecordingBoard;
  let audit: FakeAccessAudit;
  let handler: ListBoardMomentsHandler;

  beforeEach(() => {
    board = new RecordingBoard();
    board.moments = [moment(30), moment(20, { marking: 'OFFICIAL-SENSITIVE', cell: 'food' }), moment(10)];
    audit = new FakeAccessAudit();
    handler = new ListBoardMomentsHandler(board, audit);
  });

  it('asks for the reader’s own reach, so an uncleared reader is never offered a sensitive decision', async () => {
    const seen = await handler.execute(new ListBoardMoments(regional(), 20));
    expect(seen.map((m) => m.seq)).toEqual([30, 10]);
    expect(board.momentCalls).toEqual([{ reach: sensitiveReach(regional()), limit: 20, cell: undefined }]);
    expect(audit.calls).toEqual([]);
  });

  it('puts the sensitive decisions it shows on record', async () => {
    const cleared = regional({ clearance: 'OFFICIAL-SENSITIVE' });
    expect((await handler.execute(new ListBoardMoments(cleared, 20))).map((m) => m.seq)).toEqual([30, 20, 10]);
    expect(audit.calls).toEqual([
      {
        sub: cleared.sub,
        entries: [
          {
            action: 'board.read',
            itemType: 'decision',
            itemId: 'decision-20',
            cell: 'food',
            marking: 'OFFICIAL-SENSITIVE',
          },
        ],
      },
    ]);
  });

  it('keeps to one cell when asked, and bounds the number read', async () => {
    await handler.execute(new ListBoardMoments(officerOf(SANDWELL), 5_000, 'food'));
    expect(board.momentCalls[0]).toMatchObject({ limit: MAX_BOARD_MOMENTS, cell: 'food' });
  });

  it('refuses a token without a Muster role', async () => {
    expect(await outcomeOf(handler.execute(new ListBoardMoments(principal({ sub: 'x', roles: [] }), 5)))).toBe(
      'forbidden',
    );
    expect(board.momentCalls).toEqual([]);
  });
});
