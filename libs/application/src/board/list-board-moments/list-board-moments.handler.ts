import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { can, forbidden, sensitiveReach } from '@muster/domain';
import { auditReads } from '../../data-protection/audit-reads';
import { BoardMoment, BoardSource } from '../../ports/board';
import { AccessAudit } from '../../ports/data-protection';
import { ListBoardMoments } from './list-board-moments.query';

/** More than a person chooses from; the source reads at most this many. */
export const MAX_BOARD_MOMENTS = 100;

@QueryHandler(ListBoardMoments)
export class ListBoardMomentsHandler implements IQueryHandler<ListBoardMoments> {
  constructor(
    private readonly board: BoardSource,
    private readonly audit: AccessAudit,
  ) {}

  /** Filtered by need to know before limited, and a sensitive decision's title shown is on record. */
  async execute({ principal, limit, cell }: ListBoardMoments): Promise<BoardMoment[]> {
    if (!can(principal, 'reference.read')) throw forbidden('your token carries no Muster role');
    const moments = await this.board.decisionMoments(
      sensitiveReach(principal),
      Math.min(Math.max(limit, 1), MAX_BOARD_MOMENTS),
      cell,
    );
    await auditReads(this.audit, principal, 'board.read', 'decision', moments);
    return moments;
  }
}
