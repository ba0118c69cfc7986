import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { GetRota, HandOverShift, ReplaceRota } from '@muster/application';
import type { Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Discloses, nothingMarked } from '../http/replay-disclosure';
import { Returns } from '../http/responses';
import { rotaJson } from './people-json';
import { rota } from './people.responses';
import { handoverBody, rotaBody, rotaScope } from './people.schemas';

type RotaJson = z.infer<typeof rota>;

/** Who holds each level when (contract: "Rotas"). */
@ApiTags('people')
@Controller(`${API_BASE}/rotas`)
export class RotasController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Put(':scope')
  @ApiOperation({
    summary: 'Set a rota',
    description:
      'Regional coordinators and administrators. `:scope` is a cell’s slug (its `cell` level), `regional` or `national`. Replaces every shift not yet over (the one in progress too); shifts already worked stay. Shifts may meet but not overlap: at any moment one person holds a scope, or, in a gap, its fallback contact point from the region file. Each shift’s person must be in the people directory; a shift ends at most a year ahead.',
  })
  @Returns(200, rota, 'The rota as now held, with the holder now.')
  async put(
    @Caller() caller: Principal,
    @Param('scope', { schema: rotaScope }) scope: string,
    @Body({ schema: rotaBody }) body: z.infer<typeof rotaBody>,
  ): Promise<RotaJson> {
    const shifts = body.shifts.map((s) => ({ sub: s.sub, from: new Date(s.from), to: new Date(s.to) }));
    return rotaJson(await this.commands.execute(new ReplaceRota(caller, scope, shifts)));
  }

  @Get(':scope')
  @ApiOperation({
    summary: 'Read a rota',
    description:
      'The region-wide roles, and a cell’s own people for their cell: who holds it now, and the shifts to come.',
  })
  @Returns(200, rota, 'The rota.')
  async get(@Caller() caller: Principal, @Param('scope', { schema: rotaScope }) scope: string): Promise<RotaJson> {
    return rotaJson(await this.queries.execute(new GetRota(caller, scope)));
  }

  @Post(':scope/handover')
  @Discloses(nothingMarked)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Hand over mid-shift',
    description:
      'The holder of the shift in progress, a regional coordinator or an administrator: the shift ends now and `to` (in the people directory) holds the rest of it.',
  })
  @Returns(200, rota, 'The rota, `to` holding now.')
  async handover(
    @Caller() caller: Principal,
    @Param('scope', { schema: rotaScope }) scope: string,
    @Body({ schema: handoverBody }) body: z.infer<typeof handoverBody>,
  ): Promise<RotaJson> {
    return rotaJson(await this.commands.execute(new HandOverShift(caller, scope, body.to)));
  }
}
