/** A first response, stored with the change it describes. */
export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

/** The responses stored under `Idempotency-Key`s (written by the unit of work, read by the edge). */
export abstract class IdempotencyRecords {
  /** The response stored under the caller's key within the replay window, if any. */
  abstract find(principal: string, key: string): Promise<StoredResponse | undefined>;
}
