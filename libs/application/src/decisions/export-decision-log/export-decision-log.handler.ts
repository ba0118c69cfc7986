import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canSee, LogEntry, Principal } from '@muster/domain';
import { auditReads } from '../../data-protection/audit-reads';
import { AccessAudit } from '../../ports/data-protection';
import { DecisionLogReader, ReferenceData } from '../../ports/readers';
import { requireCell } from '../cell-access';
import { EntryView, toEntryView } from '../decision-view';
import { allEntries } from '../log-pages';
import { ExportDecisionLog } from './export-decision-log.query';

/** Sensitive entries are audited in batches of this many as the export streams, not one row each. */
const AUDIT_BATCH = 500;

@QueryHandler(ExportDecisionLog)
export class ExportDecisionLogHandler implements IQueryHandler<ExportDecisionLog> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly log: DecisionLogReader,
    private readonly audit: AccessAudit,
  ) {}

  /** Checks access before the first byte is sent; the entries then stream a page at a time. */
  async execute({ principal, cell }: ExportDecisionLog): Promise<AsyncIterable<EntryView>> {
    await requireCell(this.reference, principal, cell, 'decision.export');
    const head = await this.log.head(cell);
    return this.visibleEntries(principal, cell, head?.sequence ?? 0);
  }

  /** Each batch of sensitive entries is recorded before any of them is handed to the response. */
  private async *visibleEntries(principal: Principal, cell: string, through: number): AsyncGenerator<EntryView> {
    let batch: LogEntry[] = [];
    const flush = async () => {
      await auditReads(this.audit, principal, 'decision.export', 'decision', batch);
      const views = batch.map(toEntryView);
      batch = [];
      return views;
    };
    for await (const entry of allEntries(this.log, cell, through)) {
      if (!canSee(principal, entry)) continue;
      batch.push(entry);
      if (batch.length >= AUDIT_BATCH) yield* await flush();
    }
    yield* await flush();
  }
}
