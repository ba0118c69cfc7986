import type { ConsoleConfig } from '@muster/config';
import type { Principal } from '@muster/domain';
import { principalFromClaims } from '../../auth/claims';
import type { SessionContent } from './session-seal';

type ClaimMapping = NonNullable<ConsoleConfig['oidc']>['claims'];

/** A refusal for having no Muster role still names who it was (their feed URLs end with the role). */
export type PersonReading = { person: SessionContent['person'] } | { refused: string; withoutRole?: Principal };

/**
 * The signed-in person from the provider's ID token: its claims renamed by the configured mapping, then
 * held to the same rules and bounds as a bearer token's (principalFromClaims).
 */
export function personFromClaims(claims: Record<string, unknown>, mapping: ClaimMapping): PersonReading {
  const renamed: Record<string, unknown> = {
    sub: claims['sub'],
    name: claims['name'],
    roles: claims[mapping.roles],
    authority: claims[mapping.authority],
    cells: claims[mapping.cells],
    clearance: claims[mapping.clearance],
  };
  const reading = principalFromClaims(renamed, 'roles');
  if ('badClaim' in reading) {
    const claim = reading.badClaim in mapping ? mapping[reading.badClaim as keyof ClaimMapping] : reading.badClaim;
    return { refused: `the sign-in service's ${claim} claim for you is not valid` };
  }
  const { principal } = reading;
  if (principal.roles.size === 0) return { refused: 'your account has no Muster role', withoutRole: principal };
  return {
    person: {
      sub: principal.sub,
      name: principal.name,
      roles: [...principal.roles],
      ...(principal.authority === undefined ? {} : { authority: principal.authority }),
      cells: [...principal.cells],
      clearance: principal.clearance,
    },
  };
}
