import { Command } from '@nestjs/cqrs';
import { Principal } from '@muster/domain';
import { EscalationView } from '../escalation-view';

/** The raiser takes the escalation back, with a reason. */
export class WithdrawEscalation extends Command<EscalationView> {
  constructor(
    readonly principal: Principal,
    readonly id: string,
    readonly reason: string,
  ) {
    super();
  }
}
