import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ListDecisionRequests, OpenDecisionRequest } from '@muster/application';
import { canDecideDecisionRequest, canOpenDecisionRequest, type DecisionRequestStatus } from '@muster/domain';
import { INT4_MAX, queryInteger } from '../../../http/schemas';
import { type ConsoleDeps, type ConsolePage, pageQuery, wantsFragment } from '../../page';
import { type CellContext, cellContext, liveTopicOf } from '../cell-log/cell-access';
import { type FieldProblem, formErrors, formRefusal, NO_ERRORS } from '../decision-form/form-errors';
import { renderForm } from '../decision-form/render-form';
import { decisionRequestsModel, type RequestsByStatus, type RequestsContext } from './decision-requests.model';
import {
  BLANK_REQUEST,
  openRequestFieldOf,
  openRequestFromForm,
  type OpenRequestValues,
  readOpenRequestForm,
} from './open-request-form';

/** Requests shown per status; the API pages the rest (soonest deadline first). */
const SHOWN = 50;
const STATUSES: DecisionRequestStatus[] = ['overdue', 'open', 'decided'];

const blank = z.literal('').transform(() => undefined);
const requestsQuery = z.object({
  opened: z.union([blank, z.literal('1')]).optional(),
  answered: z.union([blank, queryInteger(1, INT4_MAX)]).optional(),
});

/**
 * `/cells/:cell/decision-requests`: the cell's requests by status (GET …/decision-requests?status=), the
 * form that asks for one (POST …/decision-requests), followed live. Answering is answer-request.page.ts.
 */
export const decisionRequestsPage: ConsolePage = (scope, deps) => {
  scope.get('/cells/:cell/decision-requests', async (request, reply) => {
    const query = pageQuery(requestsQuery, request.query);
    const ctx = await cellContext(deps, request);
    const banner =
      query.answered !== undefined
        ? `Request answered: the decision is entry ${query.answered} of the log.`
        : query.opened !== undefined
          ? 'Your request was sent to the cell.'
          : undefined;
    if (wantsFragment(request, 'requests'))
      return deps.views.send(
        reply,
        'pages/decision-requests/request-list.njk',
        await pageModel(deps, ctx, undefined, []),
      );
    return show(deps, request, reply, ctx, BLANK_REQUEST, [], 200, banner);
  });

  scope.post('/cells/:cell/decision-requests', async (request, reply) => {
    const ctx = await cellContext(deps, request);
    const values = readOpenRequestForm(request.body);
    const checked = openRequestFromForm(values, ctx.timeZone);
    if (!checked.ok) return show(deps, request, reply, ctx, values, checked.problems, 400);
    try {
      await deps.commands.execute(new OpenDecisionRequest(ctx.principal, { ...checked.input, cell: ctx.cell.slug }));
    } catch (error) {
      const refusal = formRefusal(error);
      if (refusal === undefined) throw error;
      return show(deps, request, reply, ctx, values, refusal.problems, refusal.status);
    }
    return reply.redirect(`/cells/${ctx.cell.slug}/decision-requests?opened=1`, 303);
  });
};

export function requestsContext(ctx: CellContext): RequestsContext {
  return {
    cell: ctx.cell,
    authorities: ctx.authorities,
    timeZone: ctx.timeZone,
    mayAnswer: (r) => canDecideDecisionRequest(ctx.principal, r),
    liveTopic: liveTopicOf(ctx.principal, ctx.cell.slug),
  };
}

async function pageModel(
  deps: ConsoleDeps,
  ctx: CellContext,
  values: OpenRequestValues | undefined,
  problems: FieldProblem[],
  banner?: string,
) {
  const lists = await Promise.all(
    STATUSES.map((status) =>
      deps.queries.execute(new ListDecisionRequests(ctx.principal, ctx.cell.slug, status, SHOWN)),
    ),
  );
  const [overdue, open, decided] = lists.map((list) => ({ items: list.items, more: list.next !== null }));
  const none = { items: [], more: false };
  const requests: RequestsByStatus = { overdue: overdue ?? none, open: open ?? none, decided: decided ?? none };
  const errors = problems.length === 0 ? NO_ERRORS : formErrors(problems, openRequestFieldOf);
  const mayAsk = canOpenDecisionRequest(ctx.principal, { cell: ctx.cell.slug });
  return decisionRequestsModel(requests, requestsContext(ctx), {
    ...(banner === undefined ? {} : { banner }),
    ...((mayAsk || problems.length > 0) && values !== undefined ? { form: { values, errors } } : {}),
  });
}

async function show(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: CellContext,
  values: OpenRequestValues,
  problems: FieldProblem[],
  status: number,
  banner?: string,
): Promise<FastifyReply> {
  return renderForm(
    deps,
    request,
    reply,
    'pages/decision-requests/decision-requests.njk',
    await pageModel(deps, ctx, values, problems, banner),
    status,
  );
}
