import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canSee } from '@muster/domain';
import { auditReads } from '../../data-protection/audit-reads';
import { AccessAudit } from '../../ports/data-protection';
import { DecisionLogReader, ReferenceData } from '../../ports/readers';
import { requireCell } from '../cell-access';
import { toEntryView } from '../decision-view';
import { DecisionPage, ListDecisions } from './list-decisions.query';

@QueryHandler(ListDecisions)
export class ListDecisionsHandler implements IQueryHandler<ListDecisions> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly log: DecisionLogReader,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ principal, cell, after, limit }: ListDecisions): Promise<DecisionPage> {
    await requireCell(this.reference, principal, cell, 'cell.view');
    const entries = await this.log.page(cell, after, limit);
    // Paging is by sequence over the whole log, so a page may hold fewer visible items than `limit`.
    const last = entries.at(-1);
    const visible = entries.filter((entry) => canSee(principal, entry));
    await auditReads(this.audit, principal, 'decision.list', 'decision', visible);
    return {
      items: visible.map(toEntryView),
      nextAfter: entries.length === limit && last !== undefined ? last.sequence : null,
    };
  }
}
