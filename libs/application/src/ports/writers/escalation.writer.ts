import type { Escalation } from '@muster/domain';
import { AggregateWriter } from '../aggregate-writer';

/** Escalations inside a write transaction (`tx.get(EscalationWriter)`). */
export abstract class EscalationWriter extends AggregateWriter<Escalation> {}
