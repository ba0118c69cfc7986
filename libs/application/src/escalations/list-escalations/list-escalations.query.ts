import { Query } from '@nestjs/cqrs';
import { Principal } from '@muster/domain';
import { EscalationFilter } from '../../ports/readers';
import { EscalationView } from '../escalation-view';

export class ListEscalations extends Query<{ items: EscalationView[] }> {
  constructor(
    readonly principal: Principal,
    readonly filter: EscalationFilter,
  ) {
    super();
  }
}
