import { Command } from '@nestjs/cqrs';
import { DecisionInput, Principal } from '@muster/domain';

export interface LoggedDecision {
  id: string;
  sequence: number;
  hash: string;
  prevHash: string;
  recordedAt: string;
}

export class LogDecision extends Command<LoggedDecision> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
    readonly input: DecisionInput,
  ) {
    super();
  }
}
