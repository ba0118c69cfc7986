import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canViewEscalation } from '@muster/domain';
import { auditReads } from '../../data-protection/audit-reads';
import { AccessAudit } from '../../ports/data-protection';
import { EscalationReader } from '../../ports/readers';
import { EscalationView, toEscalationView } from '../escalation-view';
import { ListEscalations } from './list-escalations.query';

@QueryHandler(ListEscalations)
export class ListEscalationsHandler implements IQueryHandler<ListEscalations> {
  constructor(
    private readonly reader: EscalationReader,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ principal, filter }: ListEscalations): Promise<{ items: EscalationView[] }> {
    const escalations = await this.reader.list(filter);
    const visible = escalations.filter((e) => canViewEscalation(principal, e));
    await auditReads(this.audit, principal, 'escalation.list', 'escalation', visible);
    return { items: visible.map(toEscalationView) };
  }
}
