import { z } from 'zod';
import { isRole, MARKINGS } from '@muster/contracts';
import { principal, Principal } from '@muster/domain';

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  authority: z.string().optional(),
  cells: z.array(z.string()).optional(),
  clearance: z.enum(MARKINGS).optional(),
});

/**
 * Turns verified claims into a principal. Roles the contract does not know are ignored: they grant
 * nothing rather than failing the token.
 */
export function principalFromClaims(claims: Record<string, unknown>, rolesClaim: string): Principal | undefined {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return undefined;
  const rawRoles = claims[rolesClaim];
  const roles = Array.isArray(rawRoles) ? rawRoles.filter(isRole) : [];
  return principal({
    sub: parsed.data.sub,
    name: parsed.data.name,
    roles,
    authority: parsed.data.authority,
    cells: parsed.data.cells,
    clearance: parsed.data.clearance,
  });
}
