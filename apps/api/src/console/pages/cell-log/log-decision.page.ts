import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AmendDecision,
  type AmendmentEntryView,
  type DecisionEntryView,
  GetDecision,
  LogDecision,
} from '@muster/application';
import { can, forbidden, notFound } from '@muster/domain';
import { type ConsoleDeps, type ConsolePage } from '../../page';
import {
  amendmentFromForm,
  blankDecisionForm,
  decisionFromForm,
  type DecisionFormValues,
  readDecisionForm,
  type RowNumbers,
  valuesOfRecord,
  withRows,
} from '../decision-form/decision-form';
import { decisionFormModel } from '../decision-form/decision-form.model';
import { decisionFieldOf } from '../decision-form/field-of';
import { renderForm } from '../decision-form/render-form';
import { type FieldProblem, formErrors, formRefusal, NO_ERRORS } from '../decision-form/form-errors';
import { type CellContext, cellContext, entryId } from './cell-access';
import { pageEndingWith } from './cell-log.model';
import { currentReading } from './entry.model';

/**
 * Logging a decision (POST /cells/:cell/decisions) and amending one (POST …/decisions/:id/amendments),
 * as forms: a refusal shows the form again with the person's input and each message at its field, with
 * the status the API would answer; a success goes back to the log (redirect after post).
 */
export const logDecisionPage: ConsolePage = (scope, deps) => {
  scope.get('/cells/:cell/decisions/new', async (request, reply) => {
    const ctx = await cellContext(deps, request);
    if (!can(ctx.principal, 'decision.log', { cell: ctx.cell.slug }))
      throw forbidden(`your roles do not allow decision.log on cell ${ctx.cell.slug}`);
    return showNew(deps, request, reply, ctx, blankDecisionForm(ctx.principal.name, new Date(), ctx.timeZone), []);
  });

  scope.post('/cells/:cell/decisions', async (request, reply) => {
    const ctx = await cellContext(deps, request);
    const { values, add } = readDecisionForm(request.body);
    if (add !== undefined) return showNew(deps, request, reply, ctx, withRows(values, add), []);
    const checked = decisionFromForm(values, ctx.timeZone);
    if (!checked.ok) return showNew(deps, request, reply, ctx, withRows(values), checked.problems, checked.rows, 400);
    let logged;
    try {
      logged = await deps.commands.execute(new LogDecision(ctx.principal, ctx.cell.slug, checked.input));
    } catch (error) {
      const refusal = formRefusal(error);
      if (refusal === undefined) throw error;
      return showNew(deps, request, reply, ctx, withRows(values), refusal.problems, checked.rows, refusal.status);
    }
    return reply.redirect(
      `/cells/${ctx.cell.slug}?after=${pageEndingWith(logged.sequence)}&logged=${logged.sequence}#entry-${logged.sequence}`,
      303,
    );
  });

  scope.get('/cells/:cell/decisions/:id/amend', async (request, reply) => {
    const ctx = await cellContext(deps, request);
    if (!can(ctx.principal, 'decision.amend', { cell: ctx.cell.slug }))
      throw forbidden(`your roles do not allow decision.amend on cell ${ctx.cell.slug}`);
    const original = await readOriginal(deps, ctx, entryId(request));
    return showAmend(deps, request, reply, ctx, original, '', withRows(original.current), []);
  });

  scope.post('/cells/:cell/decisions/:id/amend', async (request, reply) => {
    const ctx = await cellContext(deps, request);
    const original = await readOriginal(deps, ctx, entryId(request));
    const { values, add } = readDecisionForm(request.body);
    const body = request.body as Record<string, unknown> | undefined;
    const reason = typeof body?.['reason'] === 'string' ? body['reason'] : '';
    if (add !== undefined) return showAmend(deps, request, reply, ctx, original, reason, withRows(values, add), []);
    const checked = amendmentFromForm(reason, values, original.current, ctx.timeZone);
    if (!checked.ok)
      return showAmend(
        deps,
        request,
        reply,
        ctx,
        original,
        reason,
        withRows(values),
        checked.problems,
        checked.rows,
        400,
      );
    let logged;
    try {
      logged = await deps.commands.execute(
        new AmendDecision(ctx.principal, ctx.cell.slug, original.entry.id, checked.input),
      );
    } catch (error) {
      const refusal = formRefusal(error);
      if (refusal === undefined) throw error;
      return showAmend(
        deps,
        request,
        reply,
        ctx,
        original,
        reason,
        withRows(values),
        refusal.problems,
        checked.rows,
        refusal.status,
      );
    }
    const at = original.entry.sequence;
    return reply.redirect(`/cells/${ctx.cell.slug}?after=${at - 1}&amended=${logged.sequence}#entry-${at}`, 303);
  });
};

const NO_ROWS: RowNumbers = { options: [], actions: [] };

function showNew(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: CellContext,
  values: DecisionFormValues,
  problems: FieldProblem[],
  rows: RowNumbers = NO_ROWS,
  status = 200,
): Promise<FastifyReply> {
  const errors = problems.length === 0 ? NO_ERRORS : formErrors(problems, decisionFieldOf(rows));
  const model = {
    pageTitle: `${errors.summary.length > 0 ? 'Error: ' : ''}Log a decision`,
    cell: ctx.cell,
    form: decisionFormModel(values, ctx.authorities, { errors }),
  };
  return renderForm(deps, request, reply, 'pages/cell-log/log-decision.njk', model, status);
}

interface Original {
  entry: DecisionEntryView;
  /** The decision as it reads now, as the form shows it. */
  current: DecisionFormValues;
}

async function readOriginal(deps: ConsoleDeps, ctx: CellContext, id: string): Promise<Original> {
  const detail = await deps.queries.execute(new GetDecision(ctx.principal, ctx.cell.slug, id));
  // An amendment is corrected by amending its original: there is no form for it.
  if (detail.kind !== 'decision') throw notFound(`decision ${id}`);
  const { amendments: _amendments, current: _current, ...entry } = detail;
  const amendments = detail.amendments.filter((a): a is AmendmentEntryView => a.kind === 'amendment');
  const { record } = currentReading(entry, amendments);
  return { entry, current: valuesOfRecord(record, record.marking, record.authorities, ctx.timeZone) };
}

function showAmend(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: CellContext,
  original: Original,
  reason: string,
  values: DecisionFormValues,
  problems: FieldProblem[],
  rows: RowNumbers = NO_ROWS,
  status = 200,
): Promise<FastifyReply> {
  const errors = problems.length === 0 ? NO_ERRORS : formErrors(problems, decisionFieldOf(rows));
  const { sequence, id } = original.entry;
  const model = {
    pageTitle: `${errors.summary.length > 0 ? 'Error: ' : ''}Amend entry ${sequence}`,
    heading: `Amend entry ${sequence}`,
    cell: ctx.cell,
    action: `/cells/${ctx.cell.slug}/decisions/${id}/amend`,
    backHref: `/cells/${ctx.cell.slug}?after=${sequence - 1}#entry-${sequence}`,
    reason,
    form: decisionFormModel({ ...values, marking: original.entry.marking }, ctx.authorities, {
      errors,
      amendingFrom: original.current,
    }),
  };
  return renderForm(deps, request, reply, 'pages/cell-log/amend-decision.njk', model, status);
}
