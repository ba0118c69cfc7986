import { Query } from '@nestjs/cqrs';
import { DecisionRequestStatus, Principal } from '@muster/domain';
import { DecisionRequestView } from '../decision-request-view';

export interface DecisionRequestList {
  items: DecisionRequestView[];
  /** Pass back as `cursor` for the next page; null on the last. */
  next: string | null;
}

export class ListDecisionRequests extends Query<DecisionRequestList> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
    readonly status: DecisionRequestStatus | undefined,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

export class GetDecisionRequest extends Query<DecisionRequestView> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
    readonly id: string,
  ) {
    super();
  }
}
