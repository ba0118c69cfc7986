import { type Escalation, type HeldBy, type Level, scopeOfLevel } from '@muster/domain';
import type { Recipients } from '../ports/recipients';

/** Who holds an escalation's level at `at`, as the step records it: the rota's holder, or the scope's contact point. */
export async function heldByAt(
  recipients: Recipients,
  e: Pick<Escalation, 'cell'>,
  level: Level,
  at: Date,
): Promise<HeldBy> {
  const holder = await recipients.holderOf(scopeOfLevel(e, level), at);
  return { key: holder.key, name: holder.name };
}
