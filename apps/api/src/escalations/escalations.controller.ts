import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  AcknowledgeEscalation,
  EscalateEscalation,
  EscalationList,
  EscalationView,
  GetEscalation,
  ListEscalations,
  RaiseEscalation,
  ResolveEscalation,
} from '@muster/application';
import type { Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Discloses, escalationShown } from '../http/replay-disclosure';
import { uuid } from '../http/schemas';
import { acknowledgeBody, escalateBody, listQuery, raiseBody, resolveBody } from './escalation.schemas';

@ApiTags('escalations')
@ApiBearerAuth()
@Controller(`${API_BASE}/escalations`)
export class EscalationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Discloses(escalationShown)
  @HttpCode(201)
  raise(@Caller() caller: Principal, @Body({ schema: raiseBody }) body: z.infer<typeof raiseBody>): Promise<EscalationView> {
    return this.commands.execute(new RaiseEscalation(caller, body));
  }

  @Post(':id/acknowledge')
  @Discloses(escalationShown)
  @HttpCode(200)
  acknowledge(
    @Caller() caller: Principal,
    @Param('id', { schema: uuid }) id: string,
    @Body({ schema: acknowledgeBody }) body: z.infer<typeof acknowledgeBody>,
  ): Promise<EscalationView> {
    return this.commands.execute(new AcknowledgeEscalation(caller, id, body.note));
  }

  @Post(':id/escalate')
  @Discloses(escalationShown)
  @HttpCode(200)
  escalate(
    @Caller() caller: Principal,
    @Param('id', { schema: uuid }) id: string,
    @Body({ schema: escalateBody }) body: z.infer<typeof escalateBody>,
  ): Promise<EscalationView> {
    return this.commands.execute(new EscalateEscalation(caller, id, body.reason));
  }

  @Post(':id/resolve')
  @Discloses(escalationShown)
  @HttpCode(200)
  resolve(
    @Caller() caller: Principal,
    @Param('id', { schema: uuid }) id: string,
    @Body({ schema: resolveBody }) body: z.infer<typeof resolveBody>,
  ): Promise<EscalationView> {
    return this.commands.execute(new ResolveEscalation(caller, id, body.resolution));
  }

  @Get()
  list(@Caller() caller: Principal, @Query({ schema: listQuery }) query: z.infer<typeof listQuery>): Promise<EscalationList> {
    return this.queries.execute(new ListEscalations(caller, query));
  }

  @Get(':id')
  get(@Caller() caller: Principal, @Param('id', { schema: uuid }) id: string): Promise<EscalationView> {
    return this.queries.execute(new GetEscalation(caller, id));
  }
}
