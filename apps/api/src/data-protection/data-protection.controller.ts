import { Body, Controller, Get, Param, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  ChangeRetentionPolicy,
  ExportAccessAudit,
  ListRetentionPolicies,
  RetentionOverview,
} from '@muster/application';
import type { Principal, RetentionPolicy } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Returns } from '../http/responses';
import { auditCsvLines, auditJsonLines } from './audit-format';
import { retentionOverview, retentionPolicy } from './data-protection.responses';
import { auditExportQuery, recordType, retentionBody } from './data-protection.schemas';

/** Administrators only (the use cases check): the access audit export and retention settings. */
@ApiTags('data protection')
@Controller(`${API_BASE}/admin`)
export class DataProtectionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('access-audit')
  @ApiOperation({
    summary: 'Export the access audit',
    description:
      'Administrators only: who was shown which OFFICIAL-SENSITIVE item, when, by which route; `to` defaults to now, and a range spans at most 366 days.',
  })
  @ApiProduces('application/jsonl', 'text/csv')
  @ApiOkResponse({
    description: 'JSON Lines, one row per line (`format=jsonl`, the default), or CSV with a header row (`format=csv`).',
    schema: { type: 'string' },
  })
  async exportAudit(
    @Caller() caller: Principal,
    @Query({ schema: auditExportQuery }) query: z.infer<typeof auditExportQuery>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const to = query.to === undefined ? new Date() : new Date(query.to);
    const rows = await this.queries.execute(new ExportAccessAudit(caller, new Date(query.from), to, query.sub));
    const csv = query.format === 'csv';
    void reply.header('content-disposition', `attachment; filename="access-audit.${csv ? 'csv' : 'jsonl'}"`);
    return new StreamableFile(Readable.from(csv ? auditCsvLines(rows) : auditJsonLines(rows)), {
      type: csv ? 'text/csv; charset=utf-8' : 'application/jsonl; charset=utf-8',
    });
  }

  @Get('retention')
  @ApiOperation({
    summary: 'Read the retention settings',
    description: 'Administrators only: each record type’s retention and legal hold.',
  })
  @Returns(200, retentionOverview, 'The settings, and what is kept for good.')
  retention(@Caller() caller: Principal): Promise<RetentionOverview> {
    return this.queries.execute(new ListRetentionPolicies(caller));
  }

  @Put('retention/:recordType')
  @ApiOperation({
    summary: 'Change a retention setting',
    description: 'Administrators only: days to keep (null for good) and the legal hold, with a reason; journalled.',
  })
  @Returns(200, retentionPolicy, 'The setting as it now stands.')
  changeRetention(
    @Caller() caller: Principal,
    @Param('recordType', { schema: recordType }) type: string,
    @Body({ schema: retentionBody }) body: z.infer<typeof retentionBody>,
  ): Promise<RetentionPolicy> {
    return this.commands.execute(new ChangeRetentionPolicy(caller, type, body));
  }
}
