import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AcknowledgeEscalation,
  EscalateEscalation,
  GetEscalation,
  ResolveEscalation,
  UpdateEscalation,
  WithdrawEscalation,
} from '@muster/application';
import type { Escalation, Principal } from '@muster/domain';
import { uuid } from '../../../http/schemas';
import { ConsolePageError } from '../../setup/errors';
import { type ConsoleDeps, type ConsolePage, pageQuery, principalOf, wantsFragment } from '../../page';
import { changedFirst, readStepForm, refusal, type Step } from './escalation-actions';
import { DONE, DONE_BY_ACTION, escalationModel, type EscalationPageState } from './escalation.model';
import { loadReference, type Reference, refusalOf, sendPage } from './escalation-pages';

const NOT_FOUND = new ConsolePageError(404, 'Page not found', ['It may have moved, or you may not have access to it.']);
/** `?done=` says which step went through; anything else there is ignored, not an error. */
const pageState = z.object({ done: z.enum(DONE).optional().catch(undefined) });

/**
 * `/escalations/:id`: one escalation (GET /api/v1/escalations/:id through the same query: 404 for what
 * the reader may not see), its history as a timeline, and the steps the policy lets the reader take,
 * posted here and carried out by the same commands as the API's. With `muster-fragment: escalation`
 * only the part that changes, for the live update.
 */
export const escalationPage: ConsolePage = (scope, deps) => {
  scope.get('/escalations/:id', async (request, reply) => {
    const principal = principalOf(request);
    const id = escalationId(request);
    const { done } = pageQuery(pageState, request.query);
    const [escalation, reference] = await Promise.all([
      deps.queries.execute(new GetEscalation(principal, id)),
      loadReference(deps, principal),
    ]);
    const template = wantsFragment(request, 'escalation') ? 'escalation-detail' : 'escalation';
    return show(
      deps,
      request,
      reply,
      { principal, escalation, reference, template },
      done === undefined ? {} : { done },
    );
  });

  scope.post('/escalations/:id', async (request, reply) => {
    const principal = principalOf(request);
    const id = escalationId(request);
    const read = readStepForm(request.body, deps.config.region.timeZone);
    if (read === undefined) {
      throw new ConsolePageError(400, 'This form could not be read', [
        'Go back to the escalation, reload the page and try again.',
      ]);
    }
    const [current, reference] = await Promise.all([
      deps.queries.execute(new GetEscalation(principal, id)),
      loadReference(deps, principal),
    ]);
    const page = { principal, reference, template: 'escalation' };
    const { action } = read;
    // The page the form came from showed another version: someone acted first. Shown, not applied (as a 409 from the API).
    if (current.version !== read.version) {
      return show(
        deps,
        request,
        reply,
        { ...page, escalation: current },
        { values: read.values, errors: changedFirst(current, action) },
        409,
      );
    }
    if (!read.ok)
      return show(
        deps,
        request,
        reply,
        { ...page, escalation: current },
        { values: read.values, errors: read.errors },
        400,
      );
    try {
      await deps.commands.execute(commandFor(principal, id, read.step));
      return await reply.redirect(`/escalations/${id}?done=${DONE_BY_ACTION[action]}`, 303);
    } catch (error) {
      const problem = refusalOf(error, [400, 403, 409, 422]);
      if (problem === undefined) throw error;
      // Beside the escalation as it is now, which may have moved since the form was sent.
      const now = await deps.queries.execute(new GetEscalation(principal, id));
      return show(
        deps,
        request,
        reply,
        { ...page, escalation: now },
        { values: read.values, errors: refusal(problem, action, now, reference.names) },
        problem.status,
      );
    }
  });
};

interface Shown {
  principal: Principal;
  escalation: Escalation;
  reference: Reference;
  template: string;
}

function show(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  page: Shown,
  state: EscalationPageState,
  status = 200,
): Promise<FastifyReply> {
  const model = escalationModel(page.principal, page.escalation, page.reference.names, new Date(), state);
  return sendPage(deps, request, reply, `pages/escalations/${page.template}.njk`, model, status);
}

/** Not an escalation's id: no page is there (the API would say 400; a person is better told "not found"). */
function escalationId(request: FastifyRequest): string {
  const parsed = uuid.safeParse((request.params as Record<string, unknown>)['id']);
  if (!parsed.success) throw NOT_FOUND;
  return parsed.data;
}

function commandFor(
  principal: Principal,
  id: string,
  step: Step,
): AcknowledgeEscalation | EscalateEscalation | ResolveEscalation | UpdateEscalation | WithdrawEscalation {
  switch (step.action) {
    case 'acknowledge':
      return new AcknowledgeEscalation(principal, id, step.note);
    case 'escalate':
      return new EscalateEscalation(principal, id, step.reason);
    case 'resolve':
      return new ResolveEscalation(principal, id, step.resolution);
    case 'update':
      return new UpdateEscalation(principal, id, step.note, step.nextUpdateDue);
    case 'withdraw':
      return new WithdrawEscalation(principal, id, step.reason);
  }
}
