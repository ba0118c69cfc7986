import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { BoardView, GetBoard } from '@muster/application';
import type { Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Returns } from '../http/responses';
import { cellSlug, queryInteger } from '../http/schemas';
import { board } from './board.responses';

/** `at` is a journal position (bigint), exact up to 2^53 - 1; `cell` keeps to one cell (a national board is large). */
const boardQuery = z.strictObject({
  at: queryInteger(0, Number.MAX_SAFE_INTEGER).optional(),
  cell: cellSlug.optional(),
});

@ApiTags('board')
@Controller(`${API_BASE}/board`)
export class BoardController {
  constructor(private readonly queries: QueryBus) {}

  /** The common picture now, or with `at` (a journal position) as it stood then; with `cell`, that cell's part. */
  @Get()
  @ApiOperation({
    summary: 'Read the board',
    description:
      'The common picture: per cell its status and RAG, per authority its RAG, figures and staleness; open and overdue escalations and decision requests. With `at` (a journal position) as it stood then.',
  })
  @Returns(200, board, 'The board, as the caller may see it.')
  board(
    @Caller() caller: Principal,
    @Query({ schema: boardQuery }) query: z.infer<typeof boardQuery>,
  ): Promise<BoardView> {
    return this.queries.execute(new GetBoard(caller, query.at, query.cell));
  }
}
