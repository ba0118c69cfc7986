import { z } from 'zod';
import { isRole, MARKINGS } from '@muster/contracts';
import { principal, Principal } from '@muster/domain';
import { cellSlug, gssCode, text } from '../http/schemas';

/** More cells than any region runs: a claim past it is not a list of cells. */
const MAX_CELLS = 200;

/**
 * Claims become the caller's name on every record it writes (the journal's actor, idempotency keys, the
 * access audit), so they meet the same rules as any field a client sends: storable text of a bounded
 * length (a `sub` is part of two indexes' keys), a GSS code, cell slugs.
 */
const claimsSchema = z.object({
  sub: text(255),
  name: text(256).optional(),
  authority: gssCode.optional(),
  cells: z.array(cellSlug).max(MAX_CELLS).optional(),
  clearance: z.enum(MARKINGS).optional(),
});

export type ClaimsReading = { principal: Principal } | { badClaim: string };

/**
 * Turns verified claims into a principal, or names the first claim that is not valid. Roles the
 * contract does not know are ignored: they grant nothing rather than failing the token.
 */
export function principalFromClaims(claims: Record<string, unknown>, rolesClaim: string): ClaimsReading {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return { badClaim: String(parsed.error.issues[0]?.path[0] ?? 'sub') };
  const rawRoles = claims[rolesClaim];
  const roles = Array.isArray(rawRoles) ? rawRoles.filter(isRole) : [];
  return {
    principal: principal({
      sub: parsed.data.sub,
      name: parsed.data.name,
      roles,
      authority: parsed.data.authority,
      cells: parsed.data.cells,
      clearance: parsed.data.clearance,
    }),
  };
}
