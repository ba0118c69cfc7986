import { Query } from '@nestjs/cqrs';
import { Principal } from '@muster/domain';
import { EscalationView } from '../escalation-view';

export class GetEscalation extends Query<EscalationView> {
  constructor(
    readonly principal: Principal,
    readonly id: string,
  ) {
    super();
  }
}
