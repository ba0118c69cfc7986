import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canSee, currentRecord, notFound } from '@muster/domain';
import { auditReads } from '../../data-protection/audit-reads';
import { AccessAudit } from '../../ports/data-protection';
import { DecisionLogReader, ReferenceData } from '../../ports/readers';
import { requireCell } from '../cell-access';
import { toEntryView } from '../decision-view';
import { DecisionDetail, GetDecision } from './get-decision.query';

@QueryHandler(GetDecision)
export class GetDecisionHandler implements IQueryHandler<GetDecision> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly log: DecisionLogReader,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ principal, cell, id }: GetDecision): Promise<DecisionDetail> {
    await requireCell(this.reference, principal, cell, 'cell.view');
    const entry = await this.log.byId(cell, id);
    // Sensitive entries the caller may not see are reported as absent, not forbidden.
    if (entry === undefined || !canSee(principal, entry)) throw notFound(`decision ${id}`);
    const amendments = (await this.log.amendmentsOf(cell, id)).filter((a) => canSee(principal, a));
    await auditReads(this.audit, principal, 'decision.read', 'decision', [entry, ...amendments]);
    return {
      ...toEntryView(entry),
      amendments: amendments.map(toEntryView),
      current: entry.body.kind === 'decision' ? currentRecord(entry.body.record, amendments) : undefined,
    };
  }
}
