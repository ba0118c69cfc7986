import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canSee, Principal } from '@muster/domain';
import { DecisionLogReader, ReferenceData } from '../../ports/readers';
import { requireCell } from '../cell-access';
import { EntryView, toEntryView } from '../decision-view';
import { allEntries } from '../log-pages';
import { ExportDecisionLog } from './export-decision-log.query';

@QueryHandler(ExportDecisionLog)
export class ExportDecisionLogHandler implements IQueryHandler<ExportDecisionLog> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly log: DecisionLogReader,
  ) {}

  /** Checks access before the first byte is sent; the entries then stream a page at a time. */
  async execute({ principal, cell }: ExportDecisionLog): Promise<AsyncIterable<EntryView>> {
    await requireCell(this.reference, principal, cell, 'decision.export');
    const head = await this.log.head(cell);
    return visibleEntries(this.log, principal, cell, head?.sequence ?? 0);
  }
}

async function* visibleEntries(
  log: DecisionLogReader,
  principal: Principal,
  cell: string,
  through: number,
): AsyncGenerator<EntryView> {
  for await (const entry of allEntries(log, cell, through)) {
    if (canSee(principal, entry)) yield toEntryView(entry);
  }
}
