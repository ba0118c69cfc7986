import type { Marking } from '@muster/contracts';
import { AccessAuditAction, AccessAuditEntry, AuditedItemType, Principal, sensitiveAccess } from '@muster/domain';
import { AccessAudit } from '../ports/data-protection';

type AuditedItem = { id: string; marking: Marking; cell?: string };

/**
 * Records the sensitive items among those about to be returned, before they are: a read whose audit
 * row cannot be written fails rather than show sensitive material unrecorded.
 */
export async function auditReads(
  audit: AccessAudit,
  principal: Principal,
  action: AccessAuditAction,
  itemType: AuditedItemType,
  items: Iterable<AuditedItem>,
): Promise<void> {
  await auditEntries(audit, principal, sensitiveAccess(action, itemType, items));
}

/** The same for a response holding several kinds of item: one call, one insert. */
export async function auditEntries(
  audit: AccessAudit,
  principal: Principal,
  entries: readonly AccessAuditEntry[],
): Promise<void> {
  if (entries.length > 0) await audit.record(principal, entries);
}
