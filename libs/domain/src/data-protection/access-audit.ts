import { EventType, Marking } from '@muster/contracts';
import { canSee } from '../access/policy';
import { Principal } from '../access/principal';

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
  | 'board.read'
  | 'live.push'
  /** A response stored under an Idempotency-Key, sent again. */
  | 'response.replay'
  /** An administrator shown someone's contact details (personal data, whatever the marking). */
  | 'person.read'
  | 'person.list';

/** `event`: a sensitive live event of a kind that names no item (recorded under its type). */
export type AuditedItemType =
  | 'decision'
  | 'escalation'
  | 'decision-request'
  | 'retention-setting'
  | 'event'
  /** A person in the directory, by `sub`. */
  | 'person';

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

/** The kind of item each sensitive live event tells of (sitreps, cells and feeds are never sensitive). */
const PUSHED_ITEMS: Partial<Record<EventType, { itemType: AuditedItemType; idField: string }>> = {
  'decision.logged': { itemType: 'decision', idField: 'id' },
  'decision.amended': { itemType: 'decision', idField: 'id' },
  'escalation.raised': { itemType: 'escalation', idField: 'id' },
  'escalation.acknowledged': { itemType: 'escalation', idField: 'id' },
  'escalation.escalated': { itemType: 'escalation', idField: 'id' },
  'escalation.overdue': { itemType: 'escalation', idField: 'id' },
  'escalation.resolved': { itemType: 'escalation', idField: 'id' },
  'escalation.handed-over': { itemType: 'escalation', idField: 'id' },
  'decision-request.opened': { itemType: 'decision-request', idField: 'id' },
  'decision-request.decided': { itemType: 'decision-request', idField: 'id' },
  'decision-request.overdue': { itemType: 'decision-request', idField: 'id' },
  'retention.changed': { itemType: 'retention-setting', idField: 'recordType' },
};

/**
 * What pushing a live event to a socket reveals, for the access audit: the sensitive item it tells of, or
 * undefined for an OFFICIAL event.
 */
export function sensitivePush(event: {
  type: EventType;
  marking: Marking;
  cell?: string;
  data: Record<string, unknown>;
}): AccessAuditEntry | undefined {
  if (event.marking !== 'OFFICIAL-SENSITIVE') return undefined;
  const item = PUSHED_ITEMS[event.type];
  const itemId = item === undefined ? undefined : event.data[item.idField];
  return {
    action: 'live.push',
    // An event that names no item is still recorded, under its type, rather than shown unrecorded.
    itemType: item?.itemType ?? 'event',
    itemId: typeof itemId === 'string' ? itemId : event.type,
    cell: event.cell ?? null,
    marking: event.marking,
  };
}

/**
 * What an administrator reads of one audit row. Every row tells of an OFFICIAL-SENSITIVE item, so one
 * without the clearance to see that item learns who read something, when, by which route and in which
 * cell, but not which item: its id becomes `pseudonym(itemType, itemId)`, which still matches the rows
 * about one item to each other.
 */
export function auditRowFor(
  reader: Principal,
  row: AccessAuditRecord,
  pseudonym: (itemType: AuditedItemType, itemId: string) => string,
): AccessAuditRecord {
  if (canSee(reader, { marking: row.marking, cell: row.cell ?? undefined, authorities: [] })) return row;
  return { ...row, itemId: pseudonym(row.itemType, row.itemId) };
}
