import { Marking } from '@muster/contracts';

/** What a caller did with sensitive items: the read paths that return them. */
export type AccessAuditAction =
  | 'decision.read'
  | 'decision.list'
  | 'decision.export'
  | 'escalation.read'
  | 'escalation.list'
  | 'decision-request.read'
  | 'decision-request.list'
  | 'feed.read'
  | 'board.read';

export type AuditedItemType = 'decision' | 'escalation' | 'decision-request';

/** One sensitive item returned to one caller. */
export interface AccessAuditEntry {
  action: AccessAuditAction;
  itemType: AuditedItemType;
  itemId: string;
  cell: string | null;
  marking: Marking;
}

/** One row of the audit log as an administrator exports it. */
export interface AccessAuditRecord extends AccessAuditEntry {
  id: string;
  at: string;
  sub: string;
  name: string;
}

/** Only OFFICIAL-SENSITIVE items are audited: OFFICIAL material is open to anyone who may read its place. */
export function sensitiveAccess(
  action: AccessAuditAction,
  itemType: AuditedItemType,
  items: Iterable<{ id: string; marking: Marking; cell?: string }>,
): AccessAuditEntry[] {
  const entries: AccessAuditEntry[] = [];
  for (const item of items) {
    if (item.marking !== 'OFFICIAL-SENSITIVE') continue;
    entries.push({ action, itemType, itemId: item.id, cell: item.cell ?? null, marking: item.marking });
  }
  return entries;
}
