import { Query } from '@nestjs/cqrs';
import { Principal } from '@muster/domain';
import { BoardMoment } from '../../ports/board';

/** Recent decisions a reader may see, each a moment the board can be shown as it stood (`GET /board?at=`). */
export class ListBoardMoments extends Query<BoardMoment[]> {
  constructor(
    readonly principal: Principal,
    readonly limit: number,
    /** Only that cell's decisions. */
    readonly cell?: string,
  ) {
    super();
  }
}
