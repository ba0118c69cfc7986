import { Command } from '@nestjs/cqrs';
import { Amendment, Principal } from '@muster/domain';
import { LoggedDecision } from '../log-decision/log-decision.command';

export class AmendDecision extends Command<LoggedDecision & { amends: string }> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
    readonly decisionId: string,
    readonly amendment: Amendment,
  ) {
    super();
  }
}
