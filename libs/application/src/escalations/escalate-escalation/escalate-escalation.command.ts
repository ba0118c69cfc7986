import { Command } from '@nestjs/cqrs';
import { Principal } from '@muster/domain';
import { EscalationView } from '../escalation-view';

export class EscalateEscalation extends Command<EscalationView> {
  constructor(
    readonly principal: Principal,
    readonly id: string,
    readonly reason: string,
  ) {
    super();
  }
}
