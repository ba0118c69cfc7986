import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { can, forbidden, retentionFor } from '@muster/domain';
import { RetentionStore } from '../../ports/data-protection';
import { ListRetentionPolicies, RetentionOverview } from './list-retention-policies.query';

/** Evidence for an inquiry: append-only in the database, and outside any retention setting. */
export const KEPT_FOR_GOOD = ['decision-log', 'journal'];

@QueryHandler(ListRetentionPolicies)
export class ListRetentionPoliciesHandler implements IQueryHandler<ListRetentionPolicies> {
  constructor(private readonly store: RetentionStore) {}

  async execute({ principal }: ListRetentionPolicies): Promise<RetentionOverview> {
    if (!can(principal, 'retention.manage')) throw forbidden('only administrators may see retention settings');
    const items = await this.store.list();
    return { items: items.map((policy) => retentionFor(principal, policy)), keptForGood: KEPT_FOR_GOOD };
  }
}
