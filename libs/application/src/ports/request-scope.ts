/** What an `Idempotency-Key` asks: the response to store with the change, under the caller and key. */
export interface IdempotencyClaim {
  principal: string;
  key: string;
  requestHash: string;
  status: number;
  /** Set once the response is stored, so that a second unit of work in the same request does not store it again. */
  recorded?: boolean;
}

/** The request a change is made for: its correlation id and idempotency claim, if any. */
export interface RequestScope {
  correlationId?: string;
  claim?: IdempotencyClaim;
}

/**
 * The request being served, kept per request by the process that serves it: the edge records the
 * idempotency claim, and each unit of work run for the request reads its scope.
 */
export abstract class RequestContext {
  abstract scope(): RequestScope;
  /** The response of this request's change is to be stored under `claim`, with the change. */
  abstract claim(claim: IdempotencyClaim): void;
}

/** Thrown inside a unit of work when another request already used the key: the work is rolled back. */
export class IdempotencyKeyTaken extends Error {
  constructor(readonly claim: IdempotencyClaim) {
    super(`idempotency key ${claim.key} was already used`);
    this.name = 'IdempotencyKeyTaken';
  }
}
