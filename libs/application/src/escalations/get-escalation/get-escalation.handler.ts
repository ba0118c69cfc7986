import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canViewEscalation, notFound } from '@muster/domain';
import { auditReads } from '../../data-protection/audit-reads';
import { AccessAudit } from '../../ports/data-protection';
import { EscalationReader } from '../../ports/readers';
import { EscalationView, toEscalationView } from '../escalation-view';
import { GetEscalation } from './get-escalation.query';

@QueryHandler(GetEscalation)
export class GetEscalationHandler implements IQueryHandler<GetEscalation> {
  constructor(
    private readonly reader: EscalationReader,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ principal, id }: GetEscalation): Promise<EscalationView> {
    const escalation = await this.reader.byId(id);
    if (escalation === undefined || !canViewEscalation(principal, escalation)) throw notFound(`escalation ${id}`);
    await auditReads(this.audit, principal, 'escalation.read', 'escalation', [escalation]);
    return toEscalationView(escalation);
  }
}
