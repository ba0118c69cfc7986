import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { GetCell, ListAuthorities } from '@muster/application';
import { can, canJoinTopic, reportingDay, type Authority, type Cell, type Principal } from '@muster/domain';
import { cellSlug, uuid } from '../../../http/schemas';
import { type ConsoleDeps, pageQuery, principalOf } from '../../page';
import type { CellLogPermissions } from './cell-log.model';

const cellParams = z.object({ cell: cellSlug });
const entryParams = z.object({ cell: cellSlug, id: uuid });

/** What every page of a cell starts from: who asks, the cell (404 when there is none), the region's authorities. */
export interface CellContext {
  principal: Principal;
  cell: Cell;
  authorities: Authority[];
  timeZone: string;
  today: string;
}

export async function cellContext(deps: ConsoleDeps, request: FastifyRequest): Promise<CellContext> {
  const principal = principalOf(request);
  const { cell: slug } = pageQuery(cellParams, request.params);
  const [cell, authorities] = await Promise.all([
    deps.queries.execute(new GetCell(principal, slug)),
    deps.queries.execute(new ListAuthorities(principal)),
  ]);
  const timeZone = deps.config.region.timeZone;
  return { principal, cell, authorities, timeZone, today: reportingDay(new Date(), timeZone) };
}

/** The entry a route names (`/cells/:cell/decisions/:id/…`), a UUID or a 400 page. */
export function entryId(request: FastifyRequest): string {
  return pageQuery(entryParams, request.params).id;
}

export function permissionsOf(principal: Principal, cell: string): CellLogPermissions {
  return {
    log: can(principal, 'decision.log', { cell }),
    amend: can(principal, 'decision.amend', { cell }),
    export: can(principal, 'decision.export', { cell }),
  };
}

/** The cell's own topic for those who may join it; officers, who read every cell but join none, follow the region's. */
export function liveTopicOf(principal: Principal, cell: string): string {
  return canJoinTopic(principal, `cell:${cell}`).allowed ? `cell:${cell}` : 'region';
}
