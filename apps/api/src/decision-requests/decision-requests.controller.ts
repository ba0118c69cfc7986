import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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
import { cellSlug, uuid } from '../http/schemas';
import { listQuery, openBody } from './decision-request.schemas';

@ApiTags('decision requests')
@ApiBearerAuth()
@Controller(`${API_BASE}/cells/:cell/decision-requests`)
export class DecisionRequestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Discloses(decisionRequestShown)
  @HttpCode(201)
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
  decide(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Param('id', { schema: uuid }) id: string,
    @Body({ schema: decisionBody }) body: z.infer<typeof decisionBody>,
  ): Promise<DecidedRequest> {
    return this.commands.execute(new DecideDecisionRequest(caller, cell, id, body));
  }

  @Get()
  list(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Query({ schema: listQuery }) query: z.infer<typeof listQuery>,
  ): Promise<DecisionRequestList> {
    return this.queries.execute(new ListDecisionRequests(caller, cell, query.status, query.limit, query.cursor));
  }

  @Get(':id')
  get(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Param('id', { schema: uuid }) id: string,
  ): Promise<DecisionRequestView> {
    return this.queries.execute(new GetDecisionRequest(caller, cell, id));
  }
}
