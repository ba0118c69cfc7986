import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canSee, currentRecord, LogEntry, Principal, sensitiveReach } from '@muster/domain';
import { auditReads } from '../../data-protection/audit-reads';
import { AccessAudit } from '../../ports/data-protection';
import { DecisionLogReader, ReferenceData } from '../../ports/readers';
import { requireCell } from '../cell-access';
import { toEntryView } from '../decision-view';
import { DecisionPage, ListDecisions, ListedEntryView } from './list-decisions.query';

@QueryHandler(ListDecisions)
export class ListDecisionsHandler implements IQueryHandler<ListDecisions> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly log: DecisionLogReader,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ principal, cell, after, limit }: ListDecisions): Promise<DecisionPage> {
    await requireCell(this.reference, principal, cell, 'cell.view');
    // Filtered before limited, one more than asked to know whether another page exists: hidden entries
    // neither take room on a page nor show through `nextAfter` (which is always a sequence the reader sees).
    const entries = await this.log.visiblePage(cell, after, limit + 1, sensitiveReach(principal));
    const visible = entries.slice(0, limit).filter((entry) => canSee(principal, entry));
    const amendments = await this.amendmentsOf(principal, cell, visible);
    // The current reading shows what the amendments say, so they are read too, wherever they stand in the log.
    const shown = new Set(visible.map((entry) => entry.id));
    await auditReads(this.audit, principal, 'decision.list', 'decision', [
      ...visible,
      ...amendments.filter((amendment) => !shown.has(amendment.id)),
    ]);
    const last = visible.at(-1);
    return {
      items: visible.map((entry) => listed(entry, amendments)),
      nextAfter: entries.length > limit && last !== undefined ? last.sequence : null,
    };
  }

  /** The amendments the reader may see of the decisions on the page, oldest first. */
  private async amendmentsOf(principal: Principal, cell: string, entries: LogEntry[]): Promise<LogEntry[]> {
    const decisions = entries.filter((entry) => entry.body.kind === 'decision').map((entry) => entry.id);
    if (decisions.length === 0) return [];
    return (await this.log.amendmentsOfEach(cell, decisions)).filter((amendment) => canSee(principal, amendment));
  }
}

function listed(entry: LogEntry, amendments: readonly LogEntry[]): ListedEntryView {
  const view = toEntryView(entry);
  if (entry.body.kind !== 'decision' || view.kind !== 'decision') return view;
  const own = amendments.filter((a) => a.body.kind === 'amendment' && a.body.amends === entry.id);
  if (own.length === 0) return view;
  return {
    ...view,
    amendedBy: own.map((amendment) => amendment.sequence),
    current: currentRecord(entry.body.record, own),
  };
}
