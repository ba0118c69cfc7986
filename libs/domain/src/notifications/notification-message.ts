import { tz } from '@date-fns/tz';
import { format, isValid } from 'date-fns';
import type { Marking } from '@muster/contracts';

/** A journal event as the delivery engine hands it over: its type, marking, cell and payload. */
export interface NotifiableEvent {
  type: string;
  cell?: string;
  marking: Marking;
  data: Record<string, unknown>;
}

/**
 * Why this recipient gets the message: they hold the level the item sits at, raised it, hold the cell's level,
 * hold the regional level, are in the mayor's office, or own the action.
 */
export const NOTIFICATION_REASONS = [
  'holder',
  'raiser',
  'cell-holder',
  'regional',
  'mayors-office',
  'owner',
  'subscriber',
] as const;
export type NotificationReason = (typeof NOTIFICATION_REASONS)[number];

/** What every channel sends: short, plain English, and the console page (a path) where the reader acts. */
export interface NotificationMessage {
  subject: string;
  body: string;
  linkPath: string;
}

export interface MessageOptions {
  /** The region's time zone: times are written as its wall clock reads them. */
  timeZone: string;
}

/** Free text is shortened so a message stays short (an SMS is read on a lock screen). */
const LONGEST_QUOTE = 80;

/** One line of someone's free text, shortened: line breaks and runs of spaces would break a subject line. */
export function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= LONGEST_QUOTE ? line : `${line.slice(0, LONGEST_QUOTE - 1).trimEnd()}…`;
}

/** A string field of a payload, or undefined: payloads arrive from the journal as plain JSON. */
export function field(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** "14:30 on Friday 4 December", in the region's time; the text as given when it is not a time. */
export function when(iso: string | undefined, options: MessageOptions): string | undefined {
  if (iso === undefined) return undefined;
  const at = new Date(iso);
  return isValid(at) ? format(at, "HH:mm 'on' EEEE d MMMM", { in: tz(options.timeZone) }) : undefined;
}

/** "Friday 4 December 2026" for a YYYY-MM-DD reporting day. */
export function day(date: string): string {
  const at = new Date(`${date}T12:00:00.000Z`);
  return isValid(at) ? format(at, 'EEEE d MMMM yyyy', { in: tz('UTC') }) : date;
}

/** A path segment from a payload value, escaped so an odd id cannot reshape the link. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

export function isSensitive(event: NotifiableEvent): boolean {
  return event.marking === 'OFFICIAL-SENSITIVE';
}

const WHY: Record<NotificationReason, (level: string | undefined, cell: string | undefined) => string> = {
  holder: (level) => `You are getting this because you hold the ${level ?? 'current'} level.`,
  raiser: () => 'You are getting this because you raised it.',
  'cell-holder': (_level, cell) => `You are getting this because you hold the ${cell ?? 'cell'} cell's level.`,
  regional: () => 'You are getting this because you hold the regional level.',
  'mayors-office': () => "You are getting this because you are in the mayor's office.",
  owner: () => 'You are getting this because the action is yours.',
  subscriber: () => 'You are getting this because your system subscribed to Muster’s notifications.',
};

/** The closing line saying why this reader was sent the message. */
export function why(reason: NotificationReason, level?: string, cell?: string): string {
  return WHY[reason](level, cell);
}

/** Sentences joined into one plain paragraph, then the reason on its own line. */
export function compose(sentences: Array<string | undefined>, closing: string): string {
  return `${sentences.filter((s): s is string => s !== undefined && s !== '').join(' ')}\n\n${closing}`;
}
