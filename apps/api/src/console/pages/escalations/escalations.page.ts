import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ListEscalations, RaiseEscalation } from '@muster/application';
import { ESCALATION_STATUSES, LEVELS, type Principal } from '@muster/domain';
import { pageCursor } from '../../../http/page-cursor';
import { cellSlug, gssCode } from '../../../http/schemas';
import { type ConsoleDeps, type ConsolePage, pageQuery, principalOf, wantsFragment } from '../../page';
import { escalationListModel, type ListFilter } from './escalation-list.model';
import { loadReference, refusalOf, sendPage } from './escalation-pages';
import { type FieldError, type FormValues, ruleErrors } from './form-errors';
import { RAISE_FIELDS, RAISE_FORM_ID, raiseFormModel, readRaiseForm } from './raise-form';

/** A page of the list: enough for a morning's escalations, small enough to read. */
const PAGE_SIZE = 50;

/** The filter form's "Any …" sends an empty value: the same as leaving the field out. */
const blank = z.literal('').transform(() => undefined);
const listQuery = z.object({
  status: z.union([blank, z.enum(ESCALATION_STATUSES)]).optional(),
  level: z.union([blank, z.enum(LEVELS)]).optional(),
  cell: z.union([blank, cellSlug]).optional(),
  authority: z.union([blank, gssCode]).optional(),
  cursor: z.union([blank, pageCursor]).optional(),
});

/**
 * `/escalations`: those the reader may see (GET /api/v1/escalations through the same query: filtered by
 * need to know, paged with its cursor), with the form to raise one, which posts here (POST
 * /api/v1/escalations through the same command) and goes on to the new escalation. With
 * `muster-fragment: escalations` only the list, for the live update.
 */
export const escalationsPage: ConsolePage = (scope, deps) => {
  scope.get('/escalations', async (request, reply) => {
    const principal = principalOf(request);
    const filter: ListFilter = pageQuery(listQuery, request.query);
    return showList(deps, request, reply, principal, filter);
  });

  scope.post('/escalations', async (request, reply) => {
    const principal = principalOf(request);
    const read = readRaiseForm(request.body, deps.config.region.timeZone);
    if (!read.ok)
      return showList(deps, request, reply, principal, {}, { values: read.values, errors: read.errors }, 400);
    try {
      const raised = await deps.commands.execute(new RaiseEscalation(principal, read.input));
      return await reply.redirect(`/escalations/${raised.id}?done=raised`, 303);
    } catch (error) {
      // As the API answers: 403 not theirs to raise, 404 no such cell, 422 no such authority; with the form as they filled it in.
      const problem = refusalOf(error, [400, 403, 404, 409, 422]);
      if (problem === undefined) throw error;
      const errors = ruleErrors(problem.errors ?? [], problem.detail, RAISE_FIELDS, RAISE_FORM_ID);
      return showList(deps, request, reply, principal, {}, { values: read.values, errors }, problem.status);
    }
  });
};

async function showList(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  principal: Principal,
  filter: ListFilter,
  form: { values: FormValues; errors: FieldError[] } = { values: {}, errors: [] },
  status = 200,
): Promise<FastifyReply> {
  const [reference, list] = await Promise.all([
    loadReference(deps, principal),
    deps.queries.execute(new ListEscalations(principal, { ...filter, limit: PAGE_SIZE })),
  ]);
  const raise = raiseFormModel(
    principal,
    { ...reference, sla: deps.config.escalation.ackSlaMs },
    form.values,
    form.errors,
  );
  const model = escalationListModel(principal, list, filter, { ...reference, now: new Date() }, raise, form.errors);
  if (wantsFragment(request, 'escalations'))
    return sendPage(deps, request, reply, 'pages/escalations/escalation-list.njk', model);
  return sendPage(deps, request, reply, 'pages/escalations/escalations.njk', model, status);
}
