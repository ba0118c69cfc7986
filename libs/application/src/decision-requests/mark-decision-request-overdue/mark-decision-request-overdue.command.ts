import { Command } from '@nestjs/cqrs';
import { TimerOutcome } from '../../escalations/climb-escalation/climb-escalation.command';

/** Fired by a request's deadline timer; carries the id only and re-reads the state. */
export class MarkDecisionRequestOverdue extends Command<TimerOutcome> {
  constructor(readonly requestId: string) {
    super();
  }
}
