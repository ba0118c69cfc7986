import { Query } from '@nestjs/cqrs';
import { Principal } from '@muster/domain';
import { EscalationFilter } from '../../ports/readers';
import { EscalationView } from '../escalation-view';

export interface EscalationList {
  items: EscalationView[];
  /** Pass back as `cursor` for the next page; null on the last. */
  next: string | null;
}

export class ListEscalations extends Query<EscalationList> {
  constructor(
    readonly principal: Principal,
    readonly filter: EscalationFilter & { limit: number; cursor?: string },
  ) {
    super();
  }
}
