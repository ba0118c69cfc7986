import type { Marking, Role } from '@muster/contracts';
import type { NotificationReason } from '@muster/domain';
import type { Channel, NotifiedSeverity, Recipient, RotaScope } from '../ports/recipients';

/** What a notification is about: the console page it links to, and what a send re-checks before it goes. */
export type SubjectKind = 'escalation' | 'decision-request' | 'feed' | 'action';
export interface SubjectRef {
  kind: SubjectKind;
  /** The escalation, request or action id; the feed's date. */
  id: string;
  /** The cell a request or action belongs to (its page is under the cell). */
  cell?: string;
}

/** A sequenced journal event as the planner reads it, with who took the step (the journal's `actor`). */
export interface NotifiableEvent {
  seq: number;
  type: string;
  at: string;
  cell?: string;
  marking: Marking;
  data: Record<string, unknown>;
  /** The acting person's `sub`, or `system` for the ladder's and the scheduler's own steps. */
  actor: string;
  /** For `escalation.*`: the raiser's `sub` (`system` when Muster raised it), read from the escalation. */
  raisedBy?: string;
}

/** Someone to tell, and why (the message says so), before the directory says who and how. */
export type Audience = { reason: NotificationReason } & (
  | { kind: 'holder'; scope: RotaScope; heldBy?: { key: string; name: string } }
  | { kind: 'person'; key: string }
  | { kind: 'role'; role: Role }
);

/** A recipient the audience resolved to, with the reason they are told. */
export interface Addressee {
  recipient: Recipient;
  reason: NotificationReason;
}

export interface EventAudience {
  subject: SubjectRef;
  severity: NotifiedSeverity;
  audience: Audience[];
}

/** One row of the outbox to be: unique per (event, recipient, channel). */
export interface PlannedNotification {
  eventSeq: number;
  eventType: string;
  subject: SubjectRef;
  recipientKey: string;
  recipientName: string;
  channel: Channel;
  reason: NotificationReason;
}

/**
 * Messages that carry no severity (requests, actions, the daily report) go by what a person wants for
 * `medium`: the daily report should not arrive by text message to someone who asked SMS for critical only.
 */
export const UNRATED_SEVERITY: NotifiedSeverity = 'medium';

const SEVERITIES: readonly string[] = ['critical', 'high', 'medium', 'low'];
const LEVEL_SCOPES: readonly string[] = ['regional', 'national'];

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function heldByOf(data: Record<string, unknown>): { key: string; name: string } | undefined {
  const held = data.heldBy;
  if (typeof held !== 'object' || held === null) return undefined;
  const { key, name } = held as Record<string, unknown>;
  return typeof key === 'string' && typeof name === 'string' ? { key, name } : undefined;
}

/** The scope whose holder answers at `level`: the cell's own rota at `cell`, else the level's. */
function scopeOf(level: unknown, cell: string | undefined): RotaScope | undefined {
  if (level === 'cell') return cell;
  return typeof level === 'string' && LEVEL_SCOPES.includes(level) ? level : undefined;
}

function escalationAudience(event: NotifiableEvent, id: string): EventAudience | undefined {
  const scope = scopeOf(event.data.level, event.cell);
  if (scope === undefined) return undefined;
  const severity = SEVERITIES.includes(String(event.data.severity))
    ? (event.data.severity as NotifiedSeverity)
    : UNRATED_SEVERITY;
  const holder: Audience = { kind: 'holder', reason: 'holder', scope, heldBy: heldByOf(event.data) };
  const raiser: Audience[] =
    event.raisedBy === undefined || event.raisedBy === 'system'
      ? []
      : [{ kind: 'person', reason: 'raiser', key: event.raisedBy }];
  const subject: SubjectRef = { kind: 'escalation', id };
  switch (event.type) {
    case 'escalation.raised':
    case 'escalation.escalated':
    case 'escalation.acknowledged':
    case 'escalation.resolved':
    case 'escalation.overdue':
      return { subject, severity, audience: [holder, ...raiser] };
    case 'escalation.update-overdue':
      return { subject, severity, audience: [holder] };
    // Only who took the shift over: `heldBy` on the event is them (the one who handed over knows).
    case 'escalation.handed-over':
      return { subject, severity, audience: [holder] };
    default:
      return undefined;
  }
}

/** Who an event should reach, or undefined when it tells nobody off-screen. Pure. */
export function audienceOf(event: NotifiableEvent): EventAudience | undefined {
  const id = text(event.data.id);
  const cellHolder = (cell: string | undefined): Audience[] =>
    cell === undefined ? [] : [{ kind: 'holder', reason: 'cell-holder', scope: cell }];
  if (event.type.startsWith('escalation.')) return id === undefined ? undefined : escalationAudience(event, id);
  switch (event.type) {
    case 'decision-request.opened':
      if (id === undefined || event.cell === undefined) return undefined;
      return {
        subject: { kind: 'decision-request', id, cell: event.cell },
        severity: UNRATED_SEVERITY,
        audience: cellHolder(event.cell),
      };
    case 'decision-request.overdue':
      if (id === undefined) return undefined;
      return {
        subject: { kind: 'decision-request', id, cell: event.cell },
        severity: UNRATED_SEVERITY,
        audience: [{ kind: 'holder', reason: 'regional', scope: 'regional' }],
      };
    case 'feed.published': {
      const date = text(event.data.date);
      if (event.data.kind !== 'daily' || date === undefined) return undefined;
      return {
        subject: { kind: 'feed', id: date },
        severity: UNRATED_SEVERITY,
        audience: [{ kind: 'role', reason: 'mayors-office', role: 'mayors-office' }],
      };
    }
    case 'action.overdue': {
      // Action events name their action `actionId` (their `id` would be ambiguous beside `decisionId`).
      const actionId = text(event.data.actionId);
      if (actionId === undefined) return undefined;
      const owner = text(event.data.owner);
      return {
        subject: { kind: 'action', id: actionId, cell: event.cell },
        severity: UNRATED_SEVERITY,
        audience: [
          ...(owner === undefined ? [] : [{ kind: 'person' as const, reason: 'owner' as const, key: owner }]),
          ...cellHolder(event.cell),
        ],
      };
    }
    default:
      return undefined;
  }
}

/** A configured channel, as far as planning needs it. */
export interface ReachableChannel {
  channel: Channel;
  reaches(recipient: Recipient): boolean;
}

/** The channels a recipient both wants for this severity and can be reached on. Absent preferences: all. */
export function channelsFor(
  recipient: Recipient,
  severity: NotifiedSeverity,
  channels: readonly ReachableChannel[],
): Channel[] {
  const wanted = recipient.preferences?.[severity];
  const chosen = new Set<Channel>();
  for (const c of channels) {
    if ((wanted === undefined || wanted.includes(c.channel)) && c.reaches(recipient)) chosen.add(c.channel);
  }
  return [...chosen];
}

/**
 * The notifications one event causes, given whom its audience resolved to: each recipient once (a
 * holder who is also the raiser is told once, as the holder) on each channel they reach and want, never the person
 * who took the step themselves.
 */
export function planNotifications(
  event: NotifiableEvent,
  planned: EventAudience,
  addressees: readonly Addressee[],
  channels: readonly ReachableChannel[],
): PlannedNotification[] {
  const seen = new Set<string>([event.actor]);
  const rows: PlannedNotification[] = [];
  for (const { recipient, reason } of addressees) {
    if (seen.has(recipient.key)) continue;
    seen.add(recipient.key);
    for (const channel of channelsFor(recipient, planned.severity, channels)) {
      rows.push({
        eventSeq: event.seq,
        eventType: event.type,
        subject: planned.subject,
        recipientKey: recipient.key,
        recipientName: recipient.name,
        channel,
        reason,
      });
    }
  }
  return rows;
}
