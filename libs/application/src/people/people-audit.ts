import type { Person, Principal } from '@muster/domain';
import { AccessAudit } from '../ports/data-protection';

/**
 * Contact details are personal data: an administrator shown anyone's but their own is recorded in the access
 * audit, before the answer is sent, as a sensitive item's read is.
 */
export async function auditPeopleShown(
  audit: AccessAudit,
  principal: Principal,
  action: 'person.read' | 'person.list',
  people: readonly Person[],
): Promise<void> {
  const others = people.filter((p) => p.sub !== principal.sub);
  if (others.length === 0) return;
  await audit.record(
    principal,
    others.map((p) => ({ action, itemType: 'person', itemId: p.sub, cell: null, marking: 'OFFICIAL' })),
  );
}
