import { localParts } from '@muster/domain';

/** A GOV.UK tag: the word is always there, the colour only repeats it. */
export interface Tag {
  text: string;
  classes: string;
}

export function tag(text: string, classes: string): Tag {
  return { text, classes };
}

/** An option of a GOV.UK select. */
export interface Option {
  value: string;
  text: string;
  selected: boolean;
}

/** A select's options: the "none chosen" one first, the chosen one marked. */
export function selectOptions(
  noneText: string,
  noneValue: string,
  items: ReadonlyArray<{ value: string; text: string }>,
  chosen: string,
): Option[] {
  return [{ value: noneValue, text: noneText }, ...items].map((item) => ({ ...item, selected: item.value === chosen }));
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-11-20` as "20 November 2026" (GOV.UK style). */
export function dayText(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return date;
  return `${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}

/** An instant as "10:32 on 20 November 2026", in the region's time. */
export function timeText(iso: string, timeZone: string): string {
  const p = localParts(new Date(iso), timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')} on ${dayText(p.date)}`;
}

const numbers = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/**
 * A figure as "1,200" or "2.5". Whole numbers (nearly every figure) without Intl, which costs several
 * times more: a national board shows some 140,000 of them.
 */
export function figureText(value: number): string {
  if (!Number.isSafeInteger(value)) return numbers.format(value);
  const digits = String(Math.abs(value));
  const head = digits.length % 3 || 3;
  let text = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) text += `,${digits.slice(i, i + 3)}`;
  return value < 0 ? `-${text}` : text;
}

const ESCAPED = /[&<>"']/;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for the few places markup is built in TypeScript (see board-rows.ts). */
export function escapeHtml(text: string): string {
  return ESCAPED.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c) : text;
}
