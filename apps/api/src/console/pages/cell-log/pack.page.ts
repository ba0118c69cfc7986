import { z } from 'zod';
import { type AmendmentEntryView, type DecisionPage, type EntryView, ListDecisions } from '@muster/application';
import { addDays, localInstant, type Principal } from '@muster/domain';
import { calendarDate } from '../../../http/schemas';
import { type ConsoleDeps, type ConsolePage, pageQuery, renderPage } from '../../page';
import { ConsolePageError } from '../../setup/errors';
import { cellContext } from './cell-access';
import { packModel } from './pack.model';

const blank = z.literal('').transform(() => undefined);
const packQuery = z.object({
  from: z.union([blank, calendarDate]).optional(),
  to: z.union([blank, calendarDate]).optional(),
});
/** Entries read at a time while the pack is gathered (the API's page bound). */
const READ_PAGE = 500;

/**
 * `/cells/:cell/pack?from=&to=`: every entry recorded in those days (UK time), each with its fields, its
 * amendments beside it and its hashes, on a plain printable page marked on every printed page. The log is
 * read through the same query as GET /cells/:cell/decisions, so need to know and the access audit apply.
 */
export const packPage: ConsolePage = (scope, deps) => {
  scope.get('/cells/:cell/pack', async (request, reply) => {
    const query = pageQuery(packQuery, request.query);
    const ctx = await cellContext(deps, request);
    const from = query.from ?? ctx.today;
    const to = query.to ?? from;
    if (to < from)
      throw new ConsolePageError(400, 'There is a problem with the dates', [
        'The pack’s “To” date must be the same as or after its “From” date.',
      ]);
    const range = {
      start: localInstant(from, 0, 0, ctx.timeZone).toISOString(),
      end: localInstant(addDays(to, 1), 0, 0, ctx.timeZone).toISOString(),
    };
    const log = await readLog(deps, ctx.principal, ctx.cell.slug, range);
    const model = packModel({
      cell: ctx.cell,
      from,
      to,
      ...log,
      authorities: ctx.authorities,
      timeZone: ctx.timeZone,
      printedAt: new Date(),
      printedBy: ctx.principal.name,
    });
    return renderPage(deps, request, reply, 'pages/cell-log/pack.njk', model);
  });
};

/**
 * The entries recorded in the range, and every amendment in the log (one made after the range still
 * belongs beside its original). Sequences follow recording order, so the range is one stretch of the log.
 */
async function readLog(
  deps: ConsoleDeps,
  principal: Principal,
  cell: string,
  range: { start: string; end: string },
): Promise<{ entries: EntryView[]; amendments: AmendmentEntryView[]; sequences: Map<string, number> }> {
  const entries: EntryView[] = [];
  const amendments: AmendmentEntryView[] = [];
  const sequences = new Map<string, number>();
  let after: number | null = 0;
  while (after !== null) {
    const page: DecisionPage = await deps.queries.execute(new ListDecisions(principal, cell, after, READ_PAGE));
    for (const entry of page.items) {
      sequences.set(entry.id, entry.sequence);
      if (entry.kind === 'amendment') amendments.push(entry);
      if (entry.recordedAt >= range.start && entry.recordedAt < range.end) entries.push(entry);
    }
    after = page.nextAfter;
  }
  return { entries, amendments, sequences };
}
