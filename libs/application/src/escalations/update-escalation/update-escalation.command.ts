import { Command } from '@nestjs/cqrs';
import { Principal } from '@muster/domain';
import { EscalationView } from '../escalation-view';

/** A note from the raiser or the holder, optionally promising when the next one will come. */
export class UpdateEscalation extends Command<EscalationView> {
  constructor(
    readonly principal: Principal,
    readonly id: string,
    readonly note: string,
    readonly nextUpdateDue: string | undefined,
  ) {
    super();
  }
}
