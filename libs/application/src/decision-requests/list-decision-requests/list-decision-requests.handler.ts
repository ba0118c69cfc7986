import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canViewDecisionRequest, notFound } from '@muster/domain';
import { requireCell } from '../../decisions/cell-access';
import { auditReads } from '../../data-protection/audit-reads';
import { AccessAudit } from '../../ports/data-protection';
import { DecisionRequestReader, ReferenceData } from '../../ports/readers';
import { DecisionRequestView, toDecisionRequestView } from '../decision-request-view';
import { GetDecisionRequest, ListDecisionRequests } from './list-decision-requests.query';

@QueryHandler(ListDecisionRequests)
export class ListDecisionRequestsHandler implements IQueryHandler<ListDecisionRequests> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly requests: DecisionRequestReader,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ principal, cell, status, limit }: ListDecisionRequests): Promise<{ items: DecisionRequestView[] }> {
    await requireCell(this.reference, principal, cell, 'cell.view');
    const requests = await this.requests.list(cell, status, limit);
    const visible = requests.filter((r) => canViewDecisionRequest(principal, r));
    await auditReads(this.audit, principal, 'decision-request.list', 'decision-request', visible);
    return { items: visible.map(toDecisionRequestView) };
  }
}

@QueryHandler(GetDecisionRequest)
export class GetDecisionRequestHandler implements IQueryHandler<GetDecisionRequest> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly requests: DecisionRequestReader,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ principal, cell, id }: GetDecisionRequest): Promise<DecisionRequestView> {
    await requireCell(this.reference, principal, cell, 'cell.view');
    const request = await this.requests.byId(cell, id);
    if (request === undefined || !canViewDecisionRequest(principal, request)) throw notFound(`decision request ${id}`);
    await auditReads(this.audit, principal, 'decision-request.read', 'decision-request', [request]);
    return toDecisionRequestView(request);
  }
}
