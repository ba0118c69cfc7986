import type { HeldBy } from '@muster/domain';
import type { Recipients } from '../ports/recipients';

/**
 * Who holds a rota scope at `at`, as an escalation's step records it: the person on shift, or the scope's
 * fallback contact point. Callers read it outside their transaction, so no row lock waits on a second connection.
 */
export async function heldByAt(recipients: Recipients, scope: string, at: Date): Promise<HeldBy> {
  const holder = await recipients.holderOf(scope, at);
  return { key: holder.key, name: holder.name };
}
