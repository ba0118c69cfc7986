import { Rota, shiftAt } from './rota';

/** The key of a scope's fallback contact point (from the region file) when no shift covers the moment. */
export const contactKey = (scope: string) => `contact:${scope}`;

/**
 * Who holds a scope at `at`: the person whose shift covers it, else the scope's fallback contact point.
 * A gap in the rota is never nobody: the fallback (the national one included) is a real recipient.
 */
export function holderKey(rota: Rota, at: Date): string {
  return shiftAt(rota, at)?.sub ?? contactKey(rota.scope);
}
