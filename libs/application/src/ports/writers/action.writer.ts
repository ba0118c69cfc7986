import type { TrackedAction } from '@muster/domain';
import { AggregateWriter } from '../aggregate-writer';

/** Tracked actions inside a write transaction (`tx.get(ActionWriter)`). */
export abstract class ActionWriter extends AggregateWriter<TrackedAction> {
  /** A decision's actions, locked until commit: an amendment changes them as one. */
  abstract lockOfDecision(decisionId: string): Promise<TrackedAction[]>;
}
