import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ActionList, ActionView, GetAction, ListActions, UpdateAction } from '@muster/application';
import type { Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Returns } from '../http/responses';
import { uuid } from '../http/schemas';
import { action, actionPage } from './action.responses';
import { listQuery, updateBody } from './action.schemas';

@ApiTags('actions')
@Controller(`${API_BASE}/actions`)
export class ActionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List actions',
    description:
      'The actions of logged decisions the caller may see (the cells they may view; sensitive ones with a need to know), oldest first, filtered by `owner`, `cell` and `status` before they are limited, and paged with `cursor`.',
  })
  @Returns(200, actionPage, 'A page of actions.')
  list(
    @Caller() caller: Principal,
    @Query({ schema: listQuery }) query: z.infer<typeof listQuery>,
  ): Promise<ActionList> {
    return this.queries.execute(new ListActions(caller, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an action', description: 'With its history: every update, amendment and overdue.' })
  @Returns(200, action, 'The action.')
  get(@Caller() caller: Principal, @Param('id', { schema: uuid }) id: string): Promise<ActionView> {
    return this.queries.execute(new GetAction(caller, id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Update an action',
    description:
      'Its owner, the cell’s lead or a regional coordinator: `done`, `dropped` (with a `note` saying why), or a note alone. Done and dropped are final (409 after either).',
  })
  @Returns(200, action, 'The action, updated.')
  update(
    @Caller() caller: Principal,
    @Param('id', { schema: uuid }) id: string,
    @Body({ schema: updateBody }) body: z.infer<typeof updateBody>,
  ): Promise<ActionView> {
    return this.commands.execute(new UpdateAction(caller, id, body));
  }
}
