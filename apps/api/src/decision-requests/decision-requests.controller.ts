import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  DecidedRequest,
  DecideDecisionRequest,
  DecisionRequestList,
  DecisionRequestView,
  GetDecisionRequest,
  ListDecisionRequests,
  OpenDecisionRequest,
} from '@muster/application';
import type { Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { decisionBody } from '../decisions/decision.schemas';
import { API_BASE } from '../http/api-path';
import { Discloses, decisionRequestShown } from '../http/replay-disclosure';
import { Returns } from '../http/responses';
import { cellSlug, uuid } from '../http/schemas';
import { decidedRequest, decisionRequest, decisionRequestPage } from './decision-request.responses';
import { listQuery, openBody } from './decision-request.schemas';

@ApiTags('decision requests')
@Controller(`${API_BASE}/cells/:cell/decision-requests`)
export class DecisionRequestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Discloses(decisionRequestShown)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Ask a cell for a decision',
    description:
      'Members of the cell, authority officers (for their own authority) and regional coordinators, with a deadline (`dueAt` or `dueInMinutes`).',
  })
  @Returns(201, decisionRequest, 'The request, open.')
  open(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Body({ schema: openBody }) body: z.infer<typeof openBody>,
  ): Promise<DecisionRequestView> {
    return this.commands.execute(new OpenDecisionRequest(caller, { ...body, cell }));
  }

  @Post(':id/decision')
  @Discloses(decisionRequestShown)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Answer a decision request',
    description: 'The cell’s lead or a regional coordinator logs the decision that answers it.',
  })
  @Returns(201, decidedRequest, 'The request, decided, with the logged decision.')
  decide(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Param('id', { schema: uuid }) id: string,
    @Body({ schema: decisionBody }) body: z.infer<typeof decisionBody>,
  ): Promise<DecidedRequest> {
    return this.commands.execute(new DecideDecisionRequest(caller, cell, id, body));
  }

  @Get()
  @ApiOperation({
    summary: 'List decision requests',
    description:
      'Those of the cell the caller may see, soonest deadline first, filtered by `status` and paged with `cursor`.',
  })
  @Returns(200, decisionRequestPage, 'A page of requests.')
  list(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Query({ schema: listQuery }) query: z.infer<typeof listQuery>,
  ): Promise<DecisionRequestList> {
    return this.queries.execute(new ListDecisionRequests(caller, cell, query.status, query.limit, query.cursor));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a decision request' })
  @Returns(200, decisionRequest, 'The request.')
  get(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Param('id', { schema: uuid }) id: string,
  ): Promise<DecisionRequestView> {
    return this.queries.execute(new GetDecisionRequest(caller, cell, id));
  }
}
