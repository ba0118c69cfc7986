import { Body, Controller, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DaySitrep, ListSitreps, SubmitSitrep, SubmittedSitrep } from '@muster/application';
import type { Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { calendarDate, cellSlug, gssCode } from '../http/schemas';
import { sitrepBody, sitrepQuery } from './sitrep.schemas';

@ApiTags('situation reports')
@ApiBearerAuth()
@Controller(`${API_BASE}/cells/:cell/sitreps`)
export class SitrepsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** A resubmission is a new version; the earlier ones are kept. */
  @Put(':authority/:date')
  @HttpCode(200)
  submit(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Param('authority', { schema: gssCode }) authority: string,
    @Param('date', { schema: calendarDate }) date: string,
    @Body({ schema: sitrepBody }) body: z.infer<typeof sitrepBody>,
  ): Promise<SubmittedSitrep> {
    return this.commands.execute(new SubmitSitrep(caller, cell, authority, date, body));
  }

  @Get()
  list(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Query({ schema: sitrepQuery }) query: z.infer<typeof sitrepQuery>,
  ): Promise<{ date: string; items: DaySitrep[] }> {
    return this.queries.execute(new ListSitreps(caller, cell, query.date));
  }
}
