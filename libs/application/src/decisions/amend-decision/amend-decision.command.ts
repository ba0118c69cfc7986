import { Command } from '@nestjs/cqrs';
import { ActionsDiff, Amendment, Principal } from '@muster/domain';
import { LoggedDecision } from '../log-decision/log-decision.command';

/** The amendment's place in the chain, and what it did to the decision's actions when it amended them. */
export type LoggedAmendment = LoggedDecision & { amends: string; actionsDiff?: ActionsDiff };

export class AmendDecision extends Command<LoggedAmendment> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
    readonly decisionId: string,
    readonly amendment: Amendment,
  ) {
    super();
  }
}
