import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type AmendmentEntryView,
  type DecisionDetail,
  type EntryView,
  ExportDecisionLog,
  GetDecision,
  ListActions,
  ListDecisions,
  ListHandovers,
  VerifyDecisionLog,
} from '@muster/application';
import { DomainError, type Principal } from '@muster/domain';
import { csvLines, jsonLines } from '../../../decisions/export-format';
import { INT4_MAX, queryInteger } from '../../../http/schemas';
import { type ConsoleDeps, type ConsolePage, pageQuery, renderPage, wantsFragment } from '../../page';
import { cellContext, entryId, liveTopicOf, permissionsOf } from './cell-access';
import { cellLogModel, LOG_PAGE_SIZE, verifyModel } from './cell-log.model';
import { actionsModel, type RefusedUpdate } from './actions.model';
import { handoverViews } from '../governance/governance.model';

/** A form's empty field is the same as leaving it out. */
const blank = z.literal('').transform(() => undefined);
const sequence = z.union([blank, queryInteger(0, INT4_MAX)]).optional();
const logQuery = z.object({
  after: sequence,
  logged: sequence,
  amended: sequence,
  updated: z.union([blank, z.literal('action')]).optional(),
});
const exportQuery = z.object({ format: z.enum(['jsonl', 'csv']).default('jsonl') });

/**
 * `/cells/:cell`: the decision log (GET /cells/:cell/decisions, each decision with its amendments from
 * GET …/decisions/:id), followed live; `/cells/:cell/verify` and `/cells/:cell/export` as the API's.
 * With `muster-fragment: log` only the entries, for the live update.
 */
export const cellLogPage: ConsolePage = (scope, deps) => {
  scope.get('/cells/:cell', (request, reply) => showCellLog(deps, request, reply));

  // Where reports and other pages link a decision: the log's page that begins with it (need to know first).
  scope.get('/cells/:cell/decisions/:id', async (request, reply) => {
    const ctx = await cellContext(deps, request);
    const entry = await deps.queries.execute(new GetDecision(ctx.principal, ctx.cell.slug, entryId(request)));
    return reply.redirect(`/cells/${ctx.cell.slug}?after=${entry.sequence - 1}#entry-${entry.sequence}`, 303);
  });

  scope.get('/cells/:cell/verify', async (request, reply) => {
    const ctx = await cellContext(deps, request);
    const verdict = await deps.queries.execute(new VerifyDecisionLog(ctx.principal, ctx.cell.slug));
    return renderPage(deps, request, reply, 'pages/cell-log/verify.njk', verifyModel(ctx.cell, verdict));
  });

  scope.get('/cells/:cell/export', async (request, reply) => {
    const { format } = pageQuery(exportQuery, request.query);
    const ctx = await cellContext(deps, request);
    // The API's export query: its permission, need to know and access audit, before the first byte.
    const entries = await deps.queries.execute(new ExportDecisionLog(ctx.principal, ctx.cell.slug));
    const csv = format === 'csv';
    return reply
      .header('content-disposition', `attachment; filename="decision-log-${ctx.cell.slug}.${csv ? 'csv' : 'jsonl'}"`)
      .type(csv ? 'text/csv; charset=utf-8' : 'application/jsonl; charset=utf-8')
      .send(Readable.from(csv ? csvLines(entries) : jsonLines(entries)));
  });
};

/**
 * The cell page: its decision log, and its actions with an update form for those the reader may update;
 * with `refused`, one action's form shown again with the API's refusal (at `status`).
 */
export async function showCellLog(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  refused?: RefusedUpdate,
  status = 200,
): Promise<FastifyReply> {
  const query = pageQuery(logQuery, request.query);
  const ctx = await cellContext(deps, request);
  const slug = ctx.cell.slug;
  const after = query.after ?? 0;
  const [page, actions, handovers] = await Promise.all([
    deps.queries.execute(new ListDecisions(ctx.principal, slug, after, LOG_PAGE_SIZE)),
    deps.queries.execute(new ListActions(ctx.principal, { cell: slug, limit: 500 })),
    deps.queries.execute(new ListHandovers(ctx.principal, slug)),
  ]);
  const { amendmentsOf, sequences } = await amendmentsOfPage(deps, ctx.principal, slug, page.items);
  const model = cellLogModel(
    {
      cell: ctx.cell,
      page,
      amendmentsOf,
      sequences,
      authorities: ctx.authorities,
      timeZone: ctx.timeZone,
      today: ctx.today,
      permissions: permissionsOf(ctx.principal, slug),
      liveTopic: liveTopicOf(ctx.principal, slug),
    },
    {
      after,
      ...(query.logged === undefined ? {} : { logged: query.logged }),
      ...(query.amended === undefined ? {} : { amended: query.amended }),
    },
  );
  if (wantsFragment(request, 'log')) return deps.views.send(reply, 'pages/cell-log/cell-log-entries.njk', model);
  reply.status(status);
  return renderPage(deps, request, reply, 'pages/cell-log/cell-log.njk', {
    ...model,
    ...(query.updated === undefined ? {} : { banner: 'Action updated.' }),
    actions: actionsModel(actions.items, ctx.principal, { cell: slug, timeZone: ctx.timeZone }, refused),
    // The cell's handovers beside its log: who took what when it last stood down.
    handovers: handoverViews(handovers.items, ctx.timeZone),
  });
}

/**
 * Each decision's amendments, which may be on later pages, and the sequences of originals on earlier
 * pages that amendments here correct: one read of each, as GET /cells/:cell/decisions/:id answers it.
 */
async function amendmentsOfPage(
  deps: ConsoleDeps,
  principal: Principal,
  cell: string,
  items: readonly EntryView[],
): Promise<{ amendmentsOf: Map<string, AmendmentEntryView[]>; sequences: Map<string, number> }> {
  const onPage = new Set(items.map((item) => item.id));
  const decisions = items.filter((item) => item.kind === 'decision').map((item) => item.id);
  const originals = [
    ...new Set(items.flatMap((item) => (item.kind === 'amendment' && !onPage.has(item.amends) ? [item.amends] : []))),
  ];
  const details = await Promise.all(
    [...decisions, ...originals].map((id) => readable(deps.queries.execute(new GetDecision(principal, cell, id)))),
  );
  const amendmentsOf = new Map<string, AmendmentEntryView[]>();
  const sequences = new Map<string, number>();
  for (const detail of details) {
    if (detail === undefined) continue;
    amendmentsOf.set(
      detail.id,
      detail.amendments.filter((a): a is AmendmentEntryView => a.kind === 'amendment'),
    );
    sequences.set(detail.id, detail.sequence);
  }
  return { amendmentsOf, sequences };
}

/** An original the reader may not see (an amendment can name more authorities than it did) is simply not named. */
async function readable(detail: Promise<DecisionDetail>): Promise<DecisionDetail | undefined> {
  try {
    return await detail;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not-found') return undefined;
    throw error;
  }
}
