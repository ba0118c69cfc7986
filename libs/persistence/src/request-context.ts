import { IdempotencyClaim } from '@muster/application';

/**
 * What the HTTP edge tells the persistence layer about the request in flight, through the CLS store:
 * the correlation id stamped on journal rows, and the idempotency claim (see IdempotencyClaim) recorded
 * in the same transaction as the request's changes.
 */
export const CLS_IDEMPOTENCY = 'muster.idempotency';
export const CLS_CORRELATION_ID = 'muster.correlationId';

/** Thrown inside a unit of work when another request already used the key: the work is rolled back. */
export class IdempotencyKeyTaken extends Error {
  constructor(readonly claim: IdempotencyClaim) {
    super(`idempotency key ${claim.key} was already used`);
    this.name = 'IdempotencyKeyTaken';
  }
}
