import { Query } from '@nestjs/cqrs';
import { DecisionRequestStatus, Principal } from '@muster/domain';
import { DecisionRequestView } from '../decision-request-view';

export class ListDecisionRequests extends Query<{ items: DecisionRequestView[] }> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
    readonly status: DecisionRequestStatus | undefined,
    readonly limit: number,
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
