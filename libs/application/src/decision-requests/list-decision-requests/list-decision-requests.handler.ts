import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canViewDecisionRequest, notFound, sensitiveReach } from '@muster/domain';
import { requireCell } from '../../decisions/cell-access';
import { auditReads } from '../../data-protection/audit-reads';
import { AccessAudit } from '../../ports/data-protection';
import { DecisionRequestReader, ReferenceData } from '../../ports/readers';
import { decodeCursor, encodeCursor } from '../../shared/page-cursor';
import { DecisionRequestView, toDecisionRequestView } from '../decision-request-view';
import { DecisionRequestList, GetDecisionRequest, ListDecisionRequests } from './list-decision-requests.query';

@QueryHandler(ListDecisionRequests)
export class ListDecisionRequestsHandler implements IQueryHandler<ListDecisionRequests> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly requests: DecisionRequestReader,
    private readonly audit: AccessAudit,
  ) {}

  /** Filtered for the reader before it is limited: hidden requests neither take room on a page nor show through it. */
  async execute({ principal, cell, status, limit, cursor }: ListDecisionRequests): Promise<DecisionRequestList> {
    const after = cursor === undefined ? undefined : decodeCursor('decision-requests', cursor);
    await requireCell(this.reference, principal, cell, 'cell.view');
    const page = await this.requests.list(cell, status, { limit, after }, sensitiveReach(principal));
    // The store applied the same rule; checking again keeps a store's mistake from showing anything.
    const visible = page.items.filter((r) => canViewDecisionRequest(principal, r));
    await auditReads(this.audit, principal, 'decision-request.list', 'decision-request', visible);
    return {
      items: visible.map(toDecisionRequestView),
      next: page.next === undefined ? null : encodeCursor('decision-requests', page.next),
    };
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
