import { Command } from '@nestjs/cqrs';
import { Principal, RaiseEscalationInput } from '@muster/domain';
import { EscalationView } from '../escalation-view';

export class RaiseEscalation extends Command<EscalationView> {
  constructor(
    readonly principal: Principal,
    readonly input: RaiseEscalationInput,
  ) {
    super();
  }
}
