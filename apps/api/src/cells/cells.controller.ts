import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ActivateCell, CreateCell, GovernanceResult, StandDownCell } from '@muster/application';
import type { Cell, Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Discloses, nothingMarked } from '../http/replay-disclosure';
import { Returns } from '../http/responses';
import { cellSlug } from '../http/schemas';
import { cell } from '../reference/reference.responses';
import { governanceResult } from './cell.responses';
import { activationBody, createCellBody, standDownBody } from './cell.schemas';

@ApiTags('cells')
@Controller(`${API_BASE}/cells`)
export class CellsController {
  constructor(private readonly commands: CommandBus) {}

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
    description: 'Regional coordinators only: crisis governance starts, with a reason.',
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
    description: 'Regional coordinators only, with a reason and a handover note for what is still open.',
  })
  @Returns(200, governanceResult, 'The cell, stood down, and the handover of what was open.')
  standDown(
    @Caller() caller: Principal,
    @Param('cell', { schema: cellSlug }) cell: string,
    @Body({ schema: standDownBody }) body: z.infer<typeof standDownBody>,
  ): Promise<GovernanceResult> {
    return this.commands.execute(new StandDownCell(caller, cell, body.reason, body.handoverNote));
  }
}
