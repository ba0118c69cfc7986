import { z } from 'zod';
import { GetAction, UpdateAction } from '@muster/application';
import { notFound } from '@muster/domain';
import { updateBody } from '../../../actions/action.schemas';
import { cellSlug, uuid } from '../../../http/schemas';
import { type ConsolePage, pageQuery } from '../../page';
import { formRefusal, schemaProblems } from '../decision-form/form-errors';
import { cellContext } from './cell-access';
import { showCellLog } from './cell-log.page';

const actionParams = z.object({ cell: cellSlug, id: uuid });
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * An action's update form on the cell page (PATCH /actions/:id as a form): a success goes back to the
 * action on the page; a refusal shows the page again with the API's messages at that action's form.
 */
export const cellActionsPage: ConsolePage = (scope, deps) => {
  scope.post('/cells/:cell/actions/:id', async (request, reply) => {
    const ctx = await cellContext(deps, request);
    const { id } = pageQuery(actionParams, request.params);
    // The API's read first: need to know, and the action must be this cell's.
    const action = await deps.queries.execute(new GetAction(ctx.principal, id));
    if (action.cell !== ctx.cell.slug) throw notFound(`action ${id}`);
    const body = request.body as Record<string, unknown> | undefined;
    const status = text(body?.['status']);
    const note = text(body?.['note']);
    const form = { id, status, note };
    const parsed = updateBody.safeParse({
      ...(status === '' ? {} : { status }),
      ...(note.trim() === '' ? {} : { note: note.trim() }),
    });
    if (!parsed.success) {
      return showCellLog(deps, request, reply, { ...form, problems: schemaProblems(parsed.error) }, 400);
    }
    try {
      await deps.commands.execute(new UpdateAction(ctx.principal, id, parsed.data));
    } catch (error) {
      const refusal = formRefusal(error);
      if (refusal === undefined) throw error;
      return await showCellLog(deps, request, reply, { ...form, problems: refusal.problems }, refusal.status);
    }
    return reply.redirect(`/cells/${ctx.cell.slug}?updated=action#action-${id}`, 303);
  });
};
