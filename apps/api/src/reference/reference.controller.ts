import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { GetCell, ListAuthorities, ListCells } from '@muster/application';
import type { Authority, Cell, Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Returns } from '../http/responses';
import { cellSlug } from '../http/schemas';
import { authority, cell } from './reference.responses';

@ApiTags('reference')
@Controller(API_BASE)
export class ReferenceController {
  constructor(private readonly queries: QueryBus) {}

  @Get('authorities')
  @ApiOperation({ summary: 'List the authorities' })
  @Returns(200, z.array(authority), 'The region’s local authorities, by GSS code.')
  authorities(@Caller() caller: Principal): Promise<Authority[]> {
    return this.queries.execute(new ListAuthorities(caller));
  }

  @Get('cells')
  @ApiOperation({ summary: 'List the cells' })
  @Returns(200, z.array(cell), 'Every cell with its status, lead, figures, thresholds and decision timescale.')
  cells(@Caller() caller: Principal): Promise<Cell[]> {
    return this.queries.execute(new ListCells(caller));
  }

  @Get('cells/:cell')
  @ApiOperation({ summary: 'Read a cell' })
  @Returns(200, cell, 'The cell.')
  cell(@Caller() caller: Principal, @Param('cell', { schema: cellSlug }) slug: string): Promise<Cell> {
    return this.queries.execute(new GetCell(caller, slug));
  }
}
