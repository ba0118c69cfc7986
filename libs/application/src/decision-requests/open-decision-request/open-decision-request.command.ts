import { Command } from '@nestjs/cqrs';
import { OpenDecisionRequestInput, Principal } from '@muster/domain';
import { DecisionRequestView } from '../decision-request-view';

export class OpenDecisionRequest extends Command<DecisionRequestView> {
  constructor(
    readonly principal: Principal,
    readonly input: OpenDecisionRequestInput,
  ) {
    super();
  }
}
