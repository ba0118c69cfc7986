import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { BoardView, GetBoard } from '@muster/application';
import type { Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { cellSlug, queryInteger } from '../http/schemas';

/** `at` is a journal position (bigint), exact up to 2^53 - 1; `cell` keeps to one cell (a national board is large). */
const boardQuery = z.strictObject({ at: queryInteger(0, Number.MAX_SAFE_INTEGER).optional(), cell: cellSlug.optional() });

@ApiTags('board')
@ApiBearerAuth()
@Controller(`${API_BASE}/board`)
export class BoardController {
  constructor(private readonly queries: QueryBus) {}

  /** The common picture now, or with `at` (a journal position) as it stood then; with `cell`, that cell's part. */
  @Get()
  board(@Caller() caller: Principal, @Query({ schema: boardQuery }) query: z.infer<typeof boardQuery>): Promise<BoardView> {
    return this.queries.execute(new GetBoard(caller, query.at, query.cell));
  }
}
