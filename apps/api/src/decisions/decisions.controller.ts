import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  AmendDecision,
  DecisionDetail,
  DecisionPage,
  EntryView,
  ExportDecisionLog,
  GetDecision,
  ListDecisions,
  LogDecision,
  LoggedDecision,
  VerifyDecisionLog,
} from '@muster/application';
import type { ChainVerdict, Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Discloses, nothingMarked } from '../http/replay-disclosure';
import { cellSlug, uuid } from '../http/schemas';
import { amendmentBody, decisionBody, exportQuery, listQuery } from './decision.schemas';
import { csvHeader, toCsvRow, toJsonLine } from './export-format';

@ApiTags('decision log')
@ApiBearerAuth()
@Controller(`${API_BASE}/cells/:cell/decisions`)
export class DecisionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Discloses(nothingMarked)
  @HttpCode(201)
  log(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Body({ schema: decisionBody }) body: z.infer<typeof decisionBody>,
  ): Promise<LoggedDecision> {
    return this.commands.execute(new LogDecision(caller, cell, body));
  }

  @Get()
  list(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Query({ schema: listQuery }) query: z.infer<typeof listQuery>,
  ): Promise<DecisionPage> {
    return this.queries.execute(new ListDecisions(caller, cell, query.after, query.limit));
  }

  @Get('verify')
  verify(@Caller() caller: Principal, @Param('cell', { schema: cellSlug }) cell: string): Promise<ChainVerdict> {
    return this.queries.execute(new VerifyDecisionLog(caller, cell));
  }

  @Get('export')
  async export(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Query({ schema: exportQuery }) query: z.infer<typeof exportQuery>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const entries = await this.queries.execute(new ExportDecisionLog(caller, cell));
    const csv = query.format === 'csv';
    void reply.header('content-disposition', `attachment; filename="decision-log-${cell}.${csv ? 'csv' : 'jsonl'}"`);
    return new StreamableFile(Readable.from(csv ? csvLines(entries) : jsonLines(entries)), {
      type: csv ? 'text/csv; charset=utf-8' : 'application/jsonl; charset=utf-8',
    });
  }

  @Get(':id')
  get(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Param('id', { schema: uuid }) id: string,
  ): Promise<DecisionDetail> {
    return this.queries.execute(new GetDecision(caller, cell, id));
  }

  @Post(':id/amendments')
  @Discloses(nothingMarked)
  @HttpCode(201)
  amend(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Param('id', { schema: uuid }) id: string,
    @Body({ schema: amendmentBody }) body: z.infer<typeof amendmentBody>,
  ): Promise<LoggedDecision & { amends: string }> {
    return this.commands.execute(new AmendDecision(caller, cell, id, body));
  }
}

async function* jsonLines(entries: AsyncIterable<EntryView>): AsyncGenerator<string> {
  for await (const entry of entries) yield toJsonLine(entry);
}

async function* csvLines(entries: AsyncIterable<EntryView>): AsyncGenerator<string> {
  yield csvHeader();
  for await (const entry of entries) yield toCsvRow(entry);
}
