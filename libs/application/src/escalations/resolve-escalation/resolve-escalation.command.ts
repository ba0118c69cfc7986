import { Command } from '@nestjs/cqrs';
import { Principal } from '@muster/domain';
import { EscalationView } from '../escalation-view';

export class ResolveEscalation extends Command<EscalationView> {
  constructor(
    readonly principal: Principal,
    readonly id: string,
    readonly resolution: string,
  ) {
    super();
  }
}
