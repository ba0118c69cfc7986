import { Command } from '@nestjs/cqrs';
import { DecisionInput, Principal } from '@muster/domain';
import { LoggedDecision } from '../../decisions/log-decision/log-decision.command';
import { DecisionRequestView } from '../decision-request-view';

export type DecidedRequest = DecisionRequestView & { decision: LoggedDecision };

/** Answers a request with a decision: logged in the cell's log and linked both ways, in one transaction. */
export class DecideDecisionRequest extends Command<DecidedRequest> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
    readonly requestId: string,
    readonly input: DecisionInput,
  ) {
    super();
  }
}
