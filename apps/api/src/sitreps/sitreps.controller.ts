import { Body, Controller, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DaySitrep, ListSitreps, SubmitSitrep, SubmittedSitrep } from '@muster/application';
import type { Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Returns } from '../http/responses';
import { calendarDate, cellSlug, gssCode } from '../http/schemas';
import { daySitreps, submittedSitrep } from './sitrep.responses';
import { sitrepBody, sitrepQuery } from './sitrep.schemas';

@ApiTags('situation reports')
@Controller(`${API_BASE}/cells/:cell/sitreps`)
export class SitrepsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** A resubmission is a new version; the earlier ones are kept. */
  @Put(':authority/:date')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit a situation report',
    description:
      'An officer of the authority or a regional coordinator: the authority’s figures for the cell on a reporting day. A resubmission is a new version; the earlier ones are kept.',
  })
  @Returns(200, submittedSitrep, 'The report as stored, with its version.')
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
  @ApiOperation({
    summary: 'Read a day’s situation reports',
    description: 'Each authority’s latest report for the day (today by default), with the versions before it.',
  })
  @Returns(200, daySitreps, 'The day’s reports.')
  list(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Query({ schema: sitrepQuery }) query: z.infer<typeof sitrepQuery>,
  ): Promise<{ date: string; items: DaySitrep[] }> {
    return this.queries.execute(new ListSitreps(caller, cell, query.date));
  }
}
