import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { GetCell, ListAuthorities, ListCells } from '@muster/application';
import type { Authority, Cell, Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { cellSlug } from '../http/schemas';

@ApiTags('reference')
@ApiBearerAuth()
@Controller(API_BASE)
export class ReferenceController {
  constructor(private readonly queries: QueryBus) {}

  @Get('authorities')
  authorities(@Caller() caller: Principal): Promise<Authority[]> {
    return this.queries.execute(new ListAuthorities(caller));
  }

  @Get('cells')
  cells(@Caller() caller: Principal): Promise<Cell[]> {
    return this.queries.execute(new ListCells(caller));
  }

  @Get('cells/:cell')
  cell(@Caller() caller: Principal, @Param('cell', { schema: cellSlug }) slug: string): Promise<Cell> {
    return this.queries.execute(new GetCell(caller, slug));
  }
}
