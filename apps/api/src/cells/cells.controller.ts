import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  ActivateCell,
  CreateCell,
  GovernanceResult,
  HandoverList,
  ListHandovers,
  ReturnCellToStandby,
  StandDownCell,
} from '@muster/application';
import type { Cell, Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Discloses, nothingMarked } from '../http/replay-disclosure';
import { Returns } from '../http/responses';
import { cellSlug } from '../http/schemas';
import { cell } from '../reference/reference.responses';
import { governanceResult, handoverList } from './cell.responses';
import { activationBody, createCellBody, standbyBody, standDownBody } from './cell.schemas';

@ApiTags('cells')
@Controller(`${API_BASE}/cells`)
export class CellsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Discloses(nothingMarked)
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a cell', description: 'Regional coordinators only. The cell starts on standby.' })
  @Returns(201, cell, 'The new cell.')
  create(
    @Caller() caller: Principal,
    @Body({ schema: createCellBody }) body: z.infer<typeof createCellBody>,
  ): Promise<Cell> {
    return this.commands.execute(new CreateCell(caller, body));
  }

  @Post(':cell/activation')
  @Discloses(nothingMarked)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Stand a cell up',
    description:
      'Regional coordinators only: crisis governance starts, with a reason. An activation question Muster opened for the cell and still unanswered is closed by the decision to stand up, logged in the cell’s log (`answered`).',
  })
  @Returns(200, governanceResult, 'The cell, now active.')
  activate(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Body({ schema: activationBody }) body: z.infer<typeof activationBody>,
  ): Promise<GovernanceResult> {
    return this.commands.execute(new ActivateCell(caller, cell, body.reason));
  }

  @Post(':cell/stand-down')
  @Discloses(nothingMarked)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Stand a cell down',
    description:
      'Regional coordinators only, with a reason and a handover naming who takes each item still open (every OFFICIAL escalation and decision request of the cell, exactly once): 422 listing each item missing, repeated or not open.',
  })
  @Returns(200, governanceResult, 'The cell, stood down, and the handover of what was open.')
  standDown(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Body({ schema: standDownBody }) body: z.infer<typeof standDownBody>,
  ): Promise<GovernanceResult> {
    return this.commands.execute(new StandDownCell(caller, cell, body.reason, body.handoverNote, body.handover ?? []));
  }

  @Post(':cell/standby')
  @Discloses(nothingMarked)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Return a stood-down cell to standby',
    description: 'Regional coordinators only, with a reason: ready to be stood up (and asked about) again.',
  })
  @Returns(200, governanceResult, 'The cell, on standby.')
  standby(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Body({ schema: standbyBody }) body: z.infer<typeof standbyBody>,
  ): Promise<GovernanceResult> {
    return this.commands.execute(new ReturnCellToStandby(caller, cell, body.reason));
  }

  @Get(':cell/handovers')
  @ApiOperation({
    summary: 'A cell’s handovers',
    description: 'Whoever may see the cell: each stand-down, oldest first, with who took each open item.',
  })
  @Returns(200, handoverList, 'The handovers.')
  handovers(@Caller() caller: Principal, @Param('cell', { schema: cellSlug }) cell: string): Promise<HandoverList> {
    return this.queries.execute(new ListHandovers(caller, cell));
  }
}
