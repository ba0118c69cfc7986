import { ProblemCode, ProblemFieldError } from '@muster/contracts';

/** A refusal the caller can act on; the code maps to one HTTP status and socket error. */
export class DomainError extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly errors: ProblemFieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not-found', `${what} was not found`);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const ruleViolated = (path: string, message: string) =>
  new DomainError('rule-violated', message, [{ path, message }]);
