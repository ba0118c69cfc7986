import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  AmendDecision,
  DecisionDetail,
  DecisionPage,
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
import { Returns } from '../http/responses';
import { cellSlug, uuid } from '../http/schemas';
import { chainVerdict, decisionDetail, decisionPage, loggedAmendment, loggedDecision } from './decision.responses';
import { amendmentBody, decisionBody, exportQuery, listQuery } from './decision.schemas';
import { csvLines, jsonLines } from './export-format';

/** The export's own account of what each hash covers, so an inquiry can check a file without Muster. */
const EXPORT_DESCRIPTION = [
  'Regional coordinators and the cell’s lead: the log with its hashes, for an inquiry; a reader without',
  'clearance gets only the entries they may see, which cannot verify as the whole log.',
  '',
  'Each line (JSON Lines) is one entry, oldest first. What its `hash` covers:',
  '`hash` = lower-case hex SHA-256 of the UTF-8 bytes of `prevHash` + `"\\n"` + RFC 8785 canonical JSON of the',
  'content; `prevHash` is 64 zeros for sequence 1, else the previous entry’s `hash`. The content is',
  '`{ id, cell, sequence, marking, authorities, recordedAt, recordedBy, body }` with `body` =',
  '`{ kind: "decision", record: <every other field of the line but kind, hash and prevHash> }` or',
  '`{ kind: "amendment", amends, amendment: { reason, changes } }`.',
  '',
  '`node scripts/verify-export.mjs FILE [--head HASH]` (Node built-ins only) recomputes the chain and names the',
  'first bad sequence; `--head` checks the head hash a daily report published.',
].join('\n');

@ApiTags('decision log')
@Controller(`${API_BASE}/cells/:cell/decisions`)
export class DecisionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Discloses(nothingMarked)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Log a decision',
    description: 'The cell’s lead or a regional coordinator. The entry is chained to the one before it by its hash.',
  })
  @Returns(201, loggedDecision, 'The entry: its sequence in the cell’s log, its hash and the previous entry’s.')
  log(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Body({ schema: decisionBody }) body: z.infer<typeof decisionBody>,
  ): Promise<LoggedDecision> {
    return this.commands.execute(new LogDecision(caller, cell, body));
  }

  @Get()
  @ApiOperation({
    summary: 'Read the decision log',
    description:
      'Oldest first, the entries the caller may see, paged with `after` (a sequence) and `limit`. An amended decision is flagged with `amendedBy` and shows its `current` reading beside the original fields, which stay as recorded.',
  })
  @Returns(200, decisionPage, 'A page of the log.')
  list(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Query({ schema: listQuery }) query: z.infer<typeof listQuery>,
  ): Promise<DecisionPage> {
    return this.queries.execute(new ListDecisions(caller, cell, query.after, query.limit));
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Verify the decision log',
    description:
      'Recomputes the hash chain from the stored entries: any altered, removed or reordered entry breaks it.',
  })
  @Returns(200, chainVerdict, 'Whether the chain holds, and where it first breaks if not.')
  verify(@Caller() caller: Principal, @Param('cell', { schema: cellSlug }) cell: string): Promise<ChainVerdict> {
    return this.queries.execute(new VerifyDecisionLog(caller, cell));
  }

  @Get('export')
  @ApiOperation({
    summary: 'Export the decision log',
    description: EXPORT_DESCRIPTION,
  })
  @ApiProduces('application/jsonl', 'text/csv')
  @ApiOkResponse({
    description:
      'JSON Lines, one entry per line (`format=jsonl`, the default), or CSV with a header row (`format=csv`).',
    schema: { type: 'string' },
  })
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
  @ApiOperation({
    summary: 'Read a log entry',
    description: 'With its amendments, and the decision as it reads after them.',
  })
  @Returns(200, decisionDetail, 'The entry.')
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
  @ApiOperation({
    summary: 'Amend a decision',
    description: 'Appends a correction to the log; the original entry is never edited.',
  })
  @Returns(201, loggedAmendment, 'The amendment’s entry.')
  amend(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Param('id', { schema: uuid }) id: string,
    @Body({ schema: amendmentBody }) body: z.infer<typeof amendmentBody>,
  ): Promise<LoggedDecision & { amends: string }> {
    return this.commands.execute(new AmendDecision(caller, cell, id, body));
  }
}
