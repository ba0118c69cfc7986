/**
 * A version-checked aggregate store: `update` writes only if the stored version is still the one the
 * change was decided on, and otherwise throws a conflict (two people acting at once: one wins).
 */
export abstract class AggregateWriter<T extends { id: string; version: number }> {
  abstract insert(aggregate: T): Promise<void>;
  abstract update(aggregate: T, expectedVersion: number): Promise<void>;
  /** Reads and locks the row until commit; for changes that must see the latest state. */
  abstract lock(id: string): Promise<T | undefined>;
}
