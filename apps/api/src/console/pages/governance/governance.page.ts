import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ActivateCell,
  type HandoverRecord,
  ListHandovers,
  ListOpenItems,
  ReturnCellToStandby,
  StandDownCell,
} from '@muster/application';
import type { OpenItem } from '@muster/domain';
import { ConsolePageError } from '../../setup/errors';
import { type ConsoleDeps, type ConsolePage, pageQuery } from '../../page';
import { type CellContext, cellContext } from '../cell-log/cell-access';
import { refusalOf, sendPage } from '../escalations/escalation-pages';
import { type GovernanceRead, governanceRefusal, readGovernanceForm } from './governance-form';
import { GOVERNANCE_DONE, type GovernanceDone, governanceModel, type GovernanceState } from './governance.model';

const pageState = z.object({ done: z.enum(GOVERNANCE_DONE).optional().catch(undefined) });
const DONE_BY: Record<GovernanceRead['action'], GovernanceDone> = {
  'stand-up': 'stood-up',
  'stand-down': 'stood-down',
  standby: 'standby',
};

/**
 * `/cells/:cell/governance`: the cell's status and handovers (GET /cells/:cell/handovers), and for regional
 * coordinators the form its status allows, posted here and carried out by the API's commands: stand up,
 * stand down with the handover of each open item, return to standby.
 */
export const governancePage: ConsolePage = (scope, deps) => {
  scope.get('/cells/:cell/governance', async (request, reply) => {
    const { done } = pageQuery(pageState, request.query);
    const ctx = await cellContext(deps, request);
    return show(deps, request, reply, ctx, done === undefined ? {} : { done });
  });

  scope.post('/cells/:cell/governance', async (request, reply) => {
    const ctx = await cellContext(deps, request);
    const read = readGovernanceForm(request.body);
    if (read === undefined) {
      throw new ConsolePageError(400, 'This form could not be read', ['Go back, reload the page and try again.']);
    }
    if (!read.ok) return show(deps, request, reply, ctx, { values: read.values, errors: read.errors }, 400);
    const slug = ctx.cell.slug;
    try {
      await deps.commands.execute(
        read.action === 'stand-down'
          ? new StandDownCell(ctx.principal, slug, read.reason, read.note, read.assignments)
          : read.action === 'stand-up'
            ? new ActivateCell(ctx.principal, slug, read.reason)
            : new ReturnCellToStandby(ctx.principal, slug, read.reason),
      );
      return await reply.redirect(`/cells/${slug}/governance?done=${DONE_BY[read.action]}`, 303);
    } catch (error) {
      const problem = refusalOf(error, [400, 403, 409, 422]);
      if (problem === undefined) throw error;
      const shown = shownRows(read.values);
      const rows = read.action === 'stand-down' ? read.rows : [];
      const errors = governanceRefusal(problem, read.action, shown, rows);
      return show(deps, request, reply, ctx, { values: read.values, errors }, problem.status);
    }
  });
};

/** The items the form showed, by row: what a refusal about an item is matched against. */
function shownRows(values: Record<string, string>): Array<{ kind: string; id: string }> {
  const rows: Array<{ kind: string; id: string }> = [];
  for (let i = 0; values[`id-${String(i)}`] !== undefined; i += 1) {
    rows.push({ kind: values[`kind-${String(i)}`] ?? '', id: values[`id-${String(i)}`] ?? '' });
  }
  return rows;
}

async function show(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: CellContext,
  state: GovernanceState,
  status = 200,
): Promise<FastifyReply> {
  const [handovers, open]: [{ items: HandoverRecord[] }, OpenItem[]] = await Promise.all([
    deps.queries.execute(new ListHandovers(ctx.principal, ctx.cell.slug)),
    deps.queries.execute(new ListOpenItems(ctx.principal, ctx.cell.slug)),
  ]);
  const model = governanceModel(ctx.principal, ctx.cell, handovers.items, open, ctx.timeZone, state);
  return sendPage(deps, request, reply, 'pages/governance/governance.njk', model, status);
}
