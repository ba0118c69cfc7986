import { z } from 'zod';
import { GetSitrepReturns, ListAuthorities, SitrepReturns, SubmitSitrep } from '@muster/application';
import { PROBLEM_STATUS } from '@muster/contracts';
import { DomainError, Principal } from '@muster/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cellSlug, gssCode } from '../../../http/schemas';
import { ConsoleDeps, ConsolePage, pageQuery, principalOf, renderPage } from '../../page';
import { ConsolePageError } from '../../setup/errors';
import { formFrame, parseReturnForm } from './return-form';
import { ReturnErrors, sitrepsModel, unchangedFigures } from './sitreps.model';

const blank = z.literal('').transform(() => undefined);
const sitrepsQuery = z.object({ authority: z.union([blank, gssCode]).optional(), sent: cellSlug.optional() });
const cellParams = z.object({ cell: cellSlug });

/**
 * `/sitreps`: an authority's returns for today, one form per cell (an officer's own authority; a regional
 * coordinator chooses one), through the API's query and command (GetSitrepReturns, SubmitSitrep), so the
 * same rules apply. `POST /sitreps/:cell` sends one cell's return, or with "Submit unchanged" the figures
 * the board shows for the day: a new report for the day, recorded as any other.
 */
export const sitrepsPage: ConsolePage = (scope, deps) => {
  scope.get('/sitreps', async (request, reply) => {
    const principal = principalOf(request);
    const { authority, sent } = pageQuery(sitrepsQuery, request.query);
    return showReturns(deps, request, reply, principal, authority ?? principal.authority, {
      ...(sent === undefined ? {} : { sent }),
    });
  });

  scope.post('/sitreps/:cell', async (request, reply) => {
    const principal = principalOf(request);
    const { cell } = pageQuery(cellParams, request.params);
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    const frame = formFrame.safeParse(body);
    if (!frame.success)
      throw new ConsolePageError(400, 'This form could not be read', [
        'Go back to your returns, reload the page and try again.',
      ]);
    const { authority, date, action } = frame.data;
    const returns = await deps.queries.execute(new GetSitrepReturns(principal, authority, date));
    const current = returns.returns.find((r) => r.cell.slug === cell);
    if (current === undefined) throw new ConsolePageError(404, 'Page not found', ['There is no such cell.']);

    let submission;
    let input = { figures: {}, narrative: '', rag: '' };
    if (action === 'unchanged') {
      submission = {
        figures: unchangedFigures(current),
        ...(current.ownRag === undefined ? {} : { rag: current.ownRag.rag }),
      };
    } else {
      const parsed = parseReturnForm(current.cell, body);
      if (parsed === undefined)
        throw new ConsolePageError(400, 'This form could not be read', [
          'Go back to your returns, reload the page and try again.',
        ]);
      input = parsed.input;
      if (!('body' in parsed))
        return showRefusal(deps, request, reply, returns, { cell, errors: parsed.errors, input }, 400);
      submission = parsed.body;
    }
    try {
      await deps.commands.execute(new SubmitSitrep(principal, cell, authority, date, submission));
    } catch (error) {
      if (!(error instanceof DomainError) || error.errors.length === 0) throw error;
      // A rule's refusal at its fields (a negative figure, a day not begun): the form again, as typed.
      const errors = error.errors.map((e) => ({ path: e.path, message: e.message }));
      return showRefusal(deps, request, reply, returns, { cell, errors, input }, PROBLEM_STATUS[error.code]);
    }
    return reply.redirect(
      `/sitreps?authority=${encodeURIComponent(authority)}&sent=${encodeURIComponent(cell)}#return-${cell}`,
      303,
    );
  });
};

async function showReturns(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  principal: Principal,
  authority: string | undefined,
  options: { sent?: string },
): Promise<FastifyReply> {
  const regional = principal.roles.has('regional-coordinator');
  const authorities = regional ? await deps.queries.execute(new ListAuthorities(principal)) : undefined;
  if (authority === undefined) {
    if (authorities === undefined)
      throw new ConsolePageError(403, 'You cannot see this page', [
        'Returns are made by authority officers and regional coordinators.',
      ]);
    return renderPage(deps, request, reply, 'pages/sitreps/choose-authority.njk', {
      pageTitle: 'Sitreps',
      authorityOptions: authorities.map((a) => ({ value: a.code, text: `${a.name} (${a.code})` })),
    });
  }
  const returns = await deps.queries.execute(new GetSitrepReturns(principal, authority));
  const model = sitrepsModel(returns, {
    timeZone: deps.config.region.timeZone,
    ...(authorities === undefined ? {} : { authorities }),
    ...options,
  });
  return renderPage(deps, request, reply, 'pages/sitreps/sitreps.njk', model);
}

function showRefusal(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  returns: SitrepReturns,
  refused: ReturnErrors,
  status: number,
): Promise<FastifyReply> {
  const model = sitrepsModel(returns, { timeZone: deps.config.region.timeZone, refused });
  void reply.status(status);
  return deps.views.send(reply, 'pages/sitreps/sitreps.njk', { ...model, layout: request.layout }, status);
}
