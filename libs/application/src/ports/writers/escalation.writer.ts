import type { Escalation } from '@muster/domain';
import { AggregateWriter } from '../aggregate-writer';

/** Escalations inside a write transaction (`tx.get(EscalationWriter)`). */
export abstract class EscalationWriter extends AggregateWriter<Escalation> {
  /**
   * Unresolved escalations whose current level is held in `scope` (a cell's slug for the cell level,
   * `regional`, `national`) by `key`, locked until commit, oldest id first: what a handover passes on.
   */
  abstract lockHeldBy(scope: string, key: string): Promise<Escalation[]>;
}
