import { Query } from '@nestjs/cqrs';
import { Principal, RetentionPolicyView } from '@muster/domain';

export interface RetentionOverview {
  /** Each reason withheld from an administrator without clearance. */
  items: RetentionPolicyView[];
  /** Records that no policy can expire, named so nobody looks for a setting. */
  keptForGood: string[];
}

export class ListRetentionPolicies extends Query<RetentionOverview> {
  constructor(readonly principal: Principal) {
    super();
  }
}
