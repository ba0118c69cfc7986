import { errors } from 'jose';
import { DomainError } from '@muster/domain';

/** What is wrong with a claim jose checked, in words a client can act on. */
const CLAIM_PROBLEMS: Record<string, string> = {
  aud: 'the token is for another audience (aud)',
  iss: 'the token is from another issuer (iss)',
  nbf: 'the token is not valid yet (nbf)',
  iat: 'the token was issued in the future (iat)',
};

/**
 * Why jose refused a token, told by its error class (never by its message): 401 for what is wrong with
 * the token, 503 when the identity provider's keys could not be fetched.
 */
export function tokenRefusal(error: unknown): DomainError {
  if (error instanceof errors.JWTExpired) return unauthorized('the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return unauthorized(`the token has no ${error.claim} claim`);
    const problem = error.reason === 'check_failed' ? CLAIM_PROBLEMS[error.claim] : undefined;
    if (problem !== undefined) return unauthorized(problem);
    return unauthorized(`the token's ${error.claim} claim is not valid`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return unauthorized("the token's signature is not valid");
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return unauthorized('the token is signed with an algorithm Muster does not accept');
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return unauthorized("the token is signed with a key the identity provider's key set does not single out");
  }
  if (error instanceof errors.JWKSTimeout) {
    return new DomainError('service-unavailable', "the identity provider's keys could not be fetched; retry shortly");
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return unauthorized('the token is not a well-formed JWT');
  return unauthorized('the token is not valid');
}

export function unauthorized(message: string): DomainError {
  return new DomainError('unauthorized', message);
}
