import type { BoardActionItem, BoardEscalationItem, BoardItemKind, BoardSitrepItem } from '@muster/application';
import type { EventType, JournalRecord } from '@muster/contracts';
import { Cell, nextEffectiveFigures, SitrepSubmittedData } from '@muster/domain';

/** The events that change the board; the rest only move its position. */
type BoardEvent = Extract<
  EventType,
  | 'sitrep.submitted'
  | 'cell.activated'
  | 'cell.stood-down'
  | 'cell.returned-to-standby'
  | `escalation.${'raised' | 'acknowledged' | 'escalated' | 'overdue' | 'resolved' | 'withdrawn'}`
  | `decision-request.${'opened' | 'overdue' | 'decided'}`
  | `action.${'created' | 'updated' | 'overdue'}`
>;

const BOARD_EVENTS: Record<BoardEvent, true> = {
  'sitrep.submitted': true,
  'cell.activated': true,
  'cell.stood-down': true,
  'cell.returned-to-standby': true,
  'escalation.raised': true,
  'escalation.acknowledged': true,
  'escalation.escalated': true,
  'escalation.overdue': true,
  'escalation.resolved': true,
  'escalation.withdrawn': true,
  'decision-request.opened': true,
  'decision-request.overdue': true,
  'decision-request.decided': true,
  'action.created': true,
  'action.updated': true,
  'action.overdue': true,
};

export function onBoard(record: JournalRecord): record is JournalRecord & { type: BoardEvent } {
  return Object.hasOwn(BOARD_EVENTS, record.type);
}

export const sitrepKey = (cell: string, authority: string): string => `${cell}/${authority}`;

/** One version of a board item, valid over [seqFrom, seqTo). */
export interface BoardVersion {
  kind: BoardItemKind;
  key: string;
  seqFrom: number;
  seqTo: number | null;
  cell: string | null;
  data: object;
}

/**
 * What a batch of events does to the board: the stored current version of each item it changes is closed
 * at the first change's position, and each change opens a version, closed in turn by the next change to
 * the same item within the batch.
 */
export interface BoardChanges {
  closes: Array<{ kind: BoardItemKind; key: string; seq: number }>;
  versions: BoardVersion[];
}

/** The sitrep items a batch will change, so that their current versions can be read first. */
export function sitrepKeysOf(records: readonly JournalRecord[]): string[] {
  return [
    ...new Set(
      records
        .filter((r) => r.type === 'sitrep.submitted')
        .map((r) => sitrepKey(String(r.data.cell), String(r.data.authority))),
    ),
  ];
}

/** Plans the board's changes for `records` (in position order), given the stored current sitrep items. */
export function planBoardChanges(
  records: readonly JournalRecord[],
  cells: ReadonlyMap<string, Cell>,
  currentSitreps: ReadonlyMap<string, BoardSitrepItem>,
): BoardChanges {
  const changes: BoardChanges = { closes: [], versions: [] };
  const open = new Map<string, BoardVersion>();
  const touched = new Set<string>();
  const sitreps = new Map(currentSitreps);

  const close = (kind: BoardItemKind, key: string, seq: number): void => {
    const id = `${kind} ${key}`;
    const inBatch = open.get(id);
    if (inBatch !== undefined) {
      inBatch.seqTo = seq;
      open.delete(id);
    } else if (!touched.has(id)) {
      changes.closes.push({ kind, key, seq });
    }
    touched.add(id);
  };
  const replace = (kind: BoardItemKind, key: string, seq: number, cell: string | undefined, data: object): void => {
    close(kind, key, seq);
    const version: BoardVersion = { kind, key, seqFrom: seq, seqTo: null, cell: cell ?? null, data };
    changes.versions.push(version);
    open.set(`${kind} ${key}`, version);
  };

  for (const record of records.filter(onBoard)) {
    const data = record.data;
    const id = typeof data.id === 'string' ? data.id : undefined;
    const common = { cell: record.cell, authority: record.authority, marking: record.marking };
    switch (record.type) {
      case 'sitrep.submitted': {
        const item = nextSitrepItem(record, cells, sitreps);
        if (item === undefined) break;
        sitreps.set(sitrepKey(item.cell, item.authority), item);
        replace('sitrep', sitrepKey(item.cell, item.authority), record.seq, item.cell, item);
        break;
      }
      case 'cell.activated':
        replace('cell', String(data.slug), record.seq, record.cell, { status: 'active' });
        break;
      case 'cell.stood-down':
        replace('cell', String(data.slug), record.seq, record.cell, { status: 'stood-down' });
        break;
      case 'cell.returned-to-standby':
        replace('cell', String(data.slug), record.seq, record.cell, { status: 'standby' });
        break;
      case 'escalation.resolved':
      case 'escalation.withdrawn':
        if (id !== undefined) close('escalation', id, record.seq);
        break;
      case 'escalation.raised':
      case 'escalation.acknowledged':
      case 'escalation.escalated':
      case 'escalation.overdue':
        if (id !== undefined)
          replace('escalation', id, record.seq, record.cell, escalationItem({ ...data, ...common }));
        break;
      case 'decision-request.decided':
        if (id !== undefined) close('request', id, record.seq);
        break;
      case 'decision-request.opened':
      case 'decision-request.overdue':
        if (id !== undefined) replace('request', id, record.seq, record.cell, { ...data, ...common });
        break;
      case 'action.created':
      case 'action.updated':
      case 'action.overdue': {
        // Kept whatever its status (done and overdue are counted), keyed by the action, as its decision is marked.
        const actionId = typeof data.actionId === 'string' ? data.actionId : undefined;
        if (actionId === undefined || record.cell === undefined) break;
        const item: BoardActionItem = {
          id: actionId,
          cell: record.cell,
          status: data.status as BoardActionItem['status'],
          marking: record.marking,
          authorities: record.authorities,
        };
        replace('action', actionId, record.seq, record.cell, item);
        break;
      }
      default: {
        const unhandled: never = record.type;
        throw new Error(`no board projection for ${String(unhandled)}`);
      }
    }
  }
  return changes;
}

/**
 * The board's escalation item: the escalation as it stands, without the step that produced the event (its
 * note, reason or actor belong to the escalation's history). Also read over stored rows projected before.
 */
export function escalationItem(source: Record<string, unknown>): BoardEscalationItem {
  const { id, title, severity, level, status, overdue, ackDueAt, cell, authority, marking } =
    source as unknown as BoardEscalationItem;
  return {
    id,
    title,
    severity,
    level,
    status,
    overdue,
    ackDueAt,
    ...(cell != null && { cell }),
    ...(authority != null && { authority }),
    marking,
  };
}

/** The authority's item after a report; undefined when the board does not change. */
function nextSitrepItem(
  record: JournalRecord,
  cells: ReadonlyMap<string, Cell>,
  current: ReadonlyMap<string, BoardSitrepItem>,
): BoardSitrepItem | undefined {
  // The journal keeps event data as JSON; a sitrep.submitted row's is what submitSitrep wrote.
  const { cell: slug, authority, date, version, figures, rag } = record.data as unknown as SitrepSubmittedData;
  const cell = cells.get(slug);
  if (cell === undefined) return undefined;
  const now = current.get(sitrepKey(slug, authority));
  // A correction to an earlier day changes that day's record (and feeds), not today's picture.
  if (now !== undefined && date < now.date) return undefined;
  const base = now === undefined ? {} : date === now.date ? now.base : now.figures;
  const effective = nextEffectiveFigures(cell, base, { figures });
  return {
    cell: slug,
    authority,
    date,
    version,
    figures: effective.figures,
    carried: effective.carried,
    base,
    ...(rag === undefined ? {} : { rag }),
  };
}
