import { Command } from '@nestjs/cqrs';
import { TimerOutcome } from '../climb-escalation/climb-escalation.command';

/** Fired by the re-alert timer of one promised update time; carries ids (and that time) only, and re-reads the state. */
export class AlertMissedUpdate extends Command<TimerOutcome> {
  constructor(
    readonly escalationId: string,
    readonly nextUpdateDue: string,
  ) {
    super();
  }
}
