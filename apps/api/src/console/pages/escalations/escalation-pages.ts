import type { FastifyReply, FastifyRequest } from 'fastify';
import { ListAuthorities, ListCells } from '@muster/application';
import type { Problem } from '@muster/contracts';
import type { Authority, Cell, Principal } from '@muster/domain';
import { knownProblem } from '../../../http/error-mapping';
import type { ConsoleDeps } from '../../page';
import { type Names, namesFrom } from './escalation-words';

/** What both escalation pages name things with: the cells and authorities, as the API lists them. */
export interface Reference {
  cells: Cell[];
  authorities: Authority[];
  names: Names;
}

export async function loadReference(deps: ConsoleDeps, principal: Principal): Promise<Reference> {
  const [cells, authorities] = await Promise.all([
    deps.queries.execute(new ListCells(principal)),
    deps.queries.execute(new ListAuthorities(principal)),
  ]);
  return { cells, authorities, names: namesFrom(cells, authorities, deps.config.region.timeZone) };
}

/** A page (or a fragment) in the layout, with the status the API would answer: 400, 403, 409 or 422 for a refused form. */
export function sendPage(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  model: object,
  status = 200,
): Promise<FastifyReply> {
  return deps.views.send(reply, template, { ...model, layout: request.layout }, status);
}

/** A refusal a form shows beside its fields (the statuses given); anything else goes on to the error pages. */
export function refusalOf(error: unknown, statuses: readonly number[]): Problem | undefined {
  const problem = knownProblem(error);
  return problem !== undefined && statuses.includes(problem.status) ? problem : undefined;
}
