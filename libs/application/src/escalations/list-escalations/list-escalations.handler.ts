import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { can, canViewEscalation, sensitiveReach } from '@muster/domain';
import { auditReads } from '../../data-protection/audit-reads';
import { AccessAudit } from '../../ports/data-protection';
import { EscalationReader } from '../../ports/readers';
import { decodeCursor, encodeCursor } from '../../shared/page-cursor';
import { toEscalationView } from '../escalation-view';
import { EscalationList, ListEscalations } from './list-escalations.query';

@QueryHandler(ListEscalations)
export class ListEscalationsHandler implements IQueryHandler<ListEscalations> {
  constructor(
    private readonly reader: EscalationReader,
    private readonly audit: AccessAudit,
  ) {}

  /** Filtered for the reader before it is limited: hidden escalations neither take room on a page nor show through it. */
  async execute({ principal, filter }: ListEscalations): Promise<EscalationList> {
    const { limit, cursor, ...where } = filter;
    const after = cursor === undefined ? undefined : decodeCursor('escalations', cursor);
    if (!can(principal, 'reference.read')) return { items: [], next: null };
    const page = await this.reader.list(where, { limit, after }, sensitiveReach(principal));
    // The store applied the same rule; checking again costs nothing and keeps a store's mistake from showing anything.
    const visible = page.items.filter((e) => canViewEscalation(principal, e));
    await auditReads(this.audit, principal, 'escalation.list', 'escalation', visible);
    return {
      items: visible.map(toEscalationView),
      next: page.next === undefined ? null : encodeCursor('escalations', page.next),
    };
  }
}
