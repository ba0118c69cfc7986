import { Command } from '@nestjs/cqrs';
import { TimerOutcome } from '../../escalations/climb-escalation/climb-escalation.command';

/** Fired by an action's due timer; carries the id only and re-reads the state. */
export class MarkActionOverdue extends Command<TimerOutcome> {
  constructor(readonly actionId: string) {
    super();
  }
}
