import type { DecisionRequest } from '@muster/domain';
import { AggregateWriter } from '../aggregate-writer';

/** Decision requests inside a write transaction (`tx.get(DecisionRequestWriter)`). */
export abstract class DecisionRequestWriter extends AggregateWriter<DecisionRequest> {}
