import type { FastifyReply, FastifyRequest } from 'fastify';
import { DecideDecisionRequest, type DecisionRequestView, GetDecisionRequest } from '@muster/application';
import { canDecideDecisionRequest, forbidden } from '@muster/domain';
import { type ConsoleDeps, type ConsolePage } from '../../page';
import { type CellContext, cellContext, entryId } from '../cell-log/cell-access';
import {
  blankDecisionForm,
  decisionFromForm,
  type DecisionFormValues,
  readDecisionForm,
  type RowNumbers,
  withRows,
} from '../decision-form/decision-form';
import { decisionFormModel } from '../decision-form/decision-form.model';
import { decisionFieldOf } from '../decision-form/field-of';
import { renderForm } from '../decision-form/render-form';
import { type FieldProblem, formErrors, formRefusal, NO_ERRORS } from '../decision-form/form-errors';
import { requestModel } from './decision-requests.model';
import { requestsContext } from './decision-requests.page';

/**
 * `/cells/:cell/decision-requests/:id/answer`: the Joint Decision Model form, answering the request
 * (POST …/decision-requests/:id/decision). A sensitive request's rule (its answer OFFICIAL-SENSITIVE,
 * naming no other authority) is the domain's, shown at the marking and authorities fields.
 */
export const answerRequestPage: ConsolePage = (scope, deps) => {
  scope.get('/cells/:cell/decision-requests/:id/answer', async (request, reply) => {
    const ctx = await cellContext(deps, request);
    const asked = await deps.queries.execute(new GetDecisionRequest(ctx.principal, ctx.cell.slug, entryId(request)));
    if (!canDecideDecisionRequest(ctx.principal, asked))
      throw forbidden('only the lead of the cell or a regional coordinator may answer this request');
    return show(deps, request, reply, ctx, asked, startingValues(ctx, asked), []);
  });

  scope.post('/cells/:cell/decision-requests/:id/answer', async (request, reply) => {
    const ctx = await cellContext(deps, request);
    const asked = await deps.queries.execute(new GetDecisionRequest(ctx.principal, ctx.cell.slug, entryId(request)));
    const { values, add } = readDecisionForm(request.body);
    if (add !== undefined) return show(deps, request, reply, ctx, asked, withRows(values, add), []);
    const checked = decisionFromForm(values, ctx.timeZone);
    if (!checked.ok)
      return show(deps, request, reply, ctx, asked, withRows(values), checked.problems, checked.rows, 400);
    let decided;
    try {
      decided = await deps.commands.execute(
        new DecideDecisionRequest(ctx.principal, ctx.cell.slug, asked.id, checked.input),
      );
    } catch (error) {
      const refusal = formRefusal(error);
      if (refusal === undefined) throw error;
      return show(deps, request, reply, ctx, asked, withRows(values), refusal.problems, checked.rows, refusal.status);
    }
    return reply.redirect(`/cells/${ctx.cell.slug}/decision-requests?answered=${decided.decision.sequence}`, 303);
  });
};

/** The question as the title, its options as rows, its marking and authority: the answer starts as wide as the request. */
function startingValues(ctx: CellContext, asked: DecisionRequestView): DecisionFormValues {
  const blank = blankDecisionForm(ctx.principal.name, new Date(), ctx.timeZone, asked.marking);
  return withRows({
    ...blank,
    title: asked.question.slice(0, 200),
    options: (asked.options ?? []).map((option) => ({ option, chosen: false, notes: '' })),
    authorities: asked.authority === undefined ? [] : [asked.authority],
  });
}

function show(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: CellContext,
  asked: DecisionRequestView,
  values: DecisionFormValues,
  problems: FieldProblem[],
  rows: RowNumbers = { options: [], actions: [] },
  status = 200,
): Promise<FastifyReply> {
  const errors = problems.length === 0 ? NO_ERRORS : formErrors(problems, decisionFieldOf(rows));
  return renderForm(
    deps,
    request,
    reply,
    'pages/decision-requests/answer-request.njk',
    {
      pageTitle: `${errors.summary.length > 0 ? 'Error: ' : ''}Answer a decision request`,
      cell: ctx.cell,
      action: `/cells/${ctx.cell.slug}/decision-requests/${asked.id}/answer`,
      request: requestModel(asked, requestsContext(ctx)),
      form: decisionFormModel(values, ctx.authorities, { errors }),
    },
    status,
  );
}
