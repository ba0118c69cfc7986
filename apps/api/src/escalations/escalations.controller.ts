import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  UpdateEscalation,
  WithdrawEscalation,
} from '@muster/application';
import type { Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Discloses, escalationShown } from '../http/replay-disclosure';
import { Returns } from '../http/responses';
import { uuid } from '../http/schemas';
import { escalation, escalationPage } from './escalation.responses';
import {
  acknowledgeBody,
  escalateBody,
  listQuery,
  raiseBody,
  resolveBody,
  updateBody,
  withdrawBody,
} from './escalation.schemas';

@ApiTags('escalations')
@Controller(`${API_BASE}/escalations`)
export class EscalationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Discloses(escalationShown)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Raise an escalation',
    description:
      'Authority officers (for their own authority), the cell’s people and regional coordinators. It starts at level `cell`, with a deadline set by its severity.',
  })
  @Returns(201, escalation, 'The escalation, open at level `cell`.')
  raise(
    @Caller() caller: Principal,
    @Body({ schema: raiseBody }) body: z.infer<typeof raiseBody>,
  ): Promise<EscalationView> {
    return this.commands.execute(new RaiseEscalation(caller, body));
  }

  @Post(':id/acknowledge')
  @Discloses(escalationShown)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Acknowledge an escalation',
    description: 'Whoever holds its current level; the pending timer then does nothing.',
  })
  @Returns(200, escalation, 'The escalation, acknowledged.')
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
  @ApiOperation({
    summary: 'Escalate by hand',
    description: 'The holder of the current level or a regional coordinator: up one level, with a reason.',
  })
  @Returns(200, escalation, 'The escalation, one level up.')
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
  @ApiOperation({
    summary: 'Resolve an escalation',
    description: 'The holder of the current level or a regional coordinator.',
  })
  @Returns(200, escalation, 'The escalation, resolved.')
  resolve(
    @Caller() caller: Principal,
    @Param('id', { schema: uuid }) id: string,
    @Body({ schema: resolveBody }) body: z.infer<typeof resolveBody>,
  ): Promise<EscalationView> {
    return this.commands.execute(new ResolveEscalation(caller, id, body.resolution));
  }

  @Post(':id/updates')
  @Discloses(escalationShown)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add an update to an escalation',
    description:
      'The raiser or whoever holds its current level: a note, and optionally when the next update will come (`nextUpdateDue`, in the future, within 14 days). If that time passes with no newer update, the escalation re-alerts once (`escalation.update-overdue`).',
  })
  @Returns(200, escalation, 'The escalation, with the update in its history.')
  update(
    @Caller() caller: Principal,
    @Param('id', { schema: uuid }) id: string,
    @Body({ schema: updateBody }) body: z.infer<typeof updateBody>,
  ): Promise<EscalationView> {
    return this.commands.execute(new UpdateEscalation(caller, id, body.note, body.nextUpdateDue));
  }

  @Post(':id/withdraw')
  @Discloses(escalationShown)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw an escalation',
    description: 'The raiser only, with a reason: it becomes `withdrawn` and nothing more happens to it.',
  })
  @Returns(200, escalation, 'The escalation, withdrawn.')
  withdraw(
    @Caller() caller: Principal,
    @Param('id', { schema: uuid }) id: string,
    @Body({ schema: withdrawBody }) body: z.infer<typeof withdrawBody>,
  ): Promise<EscalationView> {
    return this.commands.execute(new WithdrawEscalation(caller, id, body.reason));
  }

  @Get()
  @ApiOperation({
    summary: 'List escalations',
    description: 'Those the caller may see, newest first, filtered and paged with `cursor`.',
  })
  @Returns(200, escalationPage, 'A page of escalations, each with its history.')
  list(
    @Caller() caller: Principal,
    @Query({ schema: listQuery }) query: z.infer<typeof listQuery>,
  ): Promise<EscalationList> {
    return this.queries.execute(new ListEscalations(caller, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an escalation', description: 'With its history: every step, its time and its actor.' })
  @Returns(200, escalation, 'The escalation.')
  get(@Caller() caller: Principal, @Param('id', { schema: uuid }) id: string): Promise<EscalationView> {
    return this.queries.execute(new GetEscalation(caller, id));
  }
}
