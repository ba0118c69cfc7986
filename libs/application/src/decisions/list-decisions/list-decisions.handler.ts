import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canSee, sensitiveReach } from '@muster/domain';
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
    // Filtered before limited, one more than asked to know whether another page exists: hidden entries
    // neither take room on a page nor show through `nextAfter` (which is always a sequence the reader sees).
    const entries = await this.log.visiblePage(cell, after, limit + 1, sensitiveReach(principal));
    const visible = entries.slice(0, limit).filter((entry) => canSee(principal, entry));
    await auditReads(this.audit, principal, 'decision.list', 'decision', visible);
    const last = visible.at(-1);
    return {
      items: visible.map(toEntryView),
      nextAfter: entries.length > limit && last !== undefined ? last.sequence : null,
    };
  }
}
