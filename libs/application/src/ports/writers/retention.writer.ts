import type { RetentionPolicy } from '@muster/domain';

/** Retention policies inside a write transaction (`tx.get(RetentionWriter)`). */
export abstract class RetentionWriter {
  /** Replaces a type's policy; waits for a purge batch of that type in flight to finish. */
  abstract save(policy: RetentionPolicy): Promise<void>;
}
