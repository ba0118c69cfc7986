import { Query } from '@nestjs/cqrs';
import { Principal, RetentionPolicy } from '@muster/domain';

export interface RetentionOverview {
  items: RetentionPolicy[];
  /** Records that no policy can expire, named so nobody looks for a setting. */
  keptForGood: string[];
}

export class ListRetentionPolicies extends Query<RetentionOverview> {
  constructor(readonly principal: Principal) {
    super();
  }
}
