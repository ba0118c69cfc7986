import type { ProblemCode } from '@muster/contracts';

export interface Explanation {
  /** What the problem means, in a sentence or two. */
  meaning: string;
  /** What the client (or the person using it) can do about it. */
  remedy: string;
}

/** What each problem `type` explains: a code without an explanation does not compile. */
export const EXPLANATIONS: Record<ProblemCode, Explanation> = {
  'validation-failed': {
    meaning:
      'A parameter, header or body field is not valid: missing, of the wrong type, out of range, too long, or not one of the values allowed. Nothing was changed.',
    remedy:
      'Each field at fault is named in errors[].path (such as options.0.chosen, cell or Idempotency-Key) with what is wrong with it. Correct those fields and send the request again.',
  },
  'malformed-request': {
    meaning:
      'The request could not be read: its body is not valid JSON (or is nested too deeply), or its path is not valid UTF-8. Nothing was changed.',
    remedy: 'Send a JSON body with Content-Type: application/json, and percent-encode path segments as UTF-8.',
  },
  unauthorized: {
    meaning:
      'The request carries no bearer token, or one that is not valid here: expired, not yet valid, signed with another key, for another audience, or with a claim no record can hold. The detail says which.',
    remedy:
      'Send Authorization: Bearer with a current token from the identity provider (in development, npm run token mints one).',
  },
  forbidden: {
    meaning: 'The token is valid, but its roles or scope (cells, authority, clearance) do not allow this action.',
    remedy:
      'Ask for the role or scope the action needs, or have someone who holds it act. The access rules are in the contract.',
  },
  'not-found': {
    meaning:
      'There is no such item, or it is OFFICIAL-SENSITIVE and outside your need to know: the answer is the same, so it tells nothing about items you may not see.',
    remedy:
      'Check the identifier. If you should see the item, ask for the clearance or the cell or authority scope it needs.',
  },
  conflict: {
    meaning:
      'The change conflicts with the item as it now stands: someone changed it at the same moment (every change is version-checked), or it is already in the state asked for (a cell already active, a request already decided, a slug taken).',
    remedy: 'Read the item again, check whether your change is still needed, and repeat it against what you read.',
  },
  'payload-too-large': {
    meaning:
      'The request body is larger than the api accepts (HTTP_BODY_LIMIT_BYTES, 256 KiB by default). Nothing was read or changed.',
    remedy: 'Send a smaller body: long narratives and attachments belong in the documents the decision refers to.',
  },
  'unsupported-media-type': {
    meaning: 'The body is not of a media type the api reads. Every body is JSON.',
    remedy: 'Send the body as JSON with Content-Type: application/json.',
  },
  'rule-violated': {
    meaning:
      'The request is well formed but breaks a rule of the domain: no option chosen, a decision recorded more than 15 minutes late without a delayReason, a figure the cell does not collect, an answer that would reach people the request does not. Nothing was changed.',
    remedy:
      'The detail and errors[].path say which rule and which field. Correct the request; the rules are in the contract.',
  },
  'idempotency-key-reused': {
    meaning:
      'This Idempotency-Key was already used by you, within the last 24 hours, for a different request (another path or another body).',
    remedy: 'Use a new key for each new request; repeat a key only to retry exactly the same request.',
  },
  'too-many-requests': {
    meaning:
      'Too many requests from this token or this address in the current window (RATE_LIMIT_PER_TOKEN, RATE_LIMIT_PER_ADDRESS).',
    remedy:
      'Wait the number of seconds in the Retry-After header, then retry; spread regular polling out, or use the live socket instead.',
  },
  'internal-error': {
    meaning:
      'Something failed on the api’s side. The request may or may not have been applied; a write sent with an Idempotency-Key can be retried safely.',
    remedy:
      'Retry later. If it persists, report the errorId from the problem: it is the reference of the error, with its details, in the api’s log.',
  },
  'service-unavailable': {
    meaning:
      'A service the api depends on (PostgreSQL, Redis, or the identity provider’s keys) did not answer in time. Nothing was changed, or the outcome is unknown.',
    remedy:
      'Wait the number of seconds in the Retry-After header, then retry; a write sent with an Idempotency-Key can be retried safely.',
  },
};
