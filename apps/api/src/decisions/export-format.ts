import { EntryView } from '@muster/application';

export function toJsonLine(entry: EntryView): string {
  return `${JSON.stringify(entry)}\n`;
}

export const CSV_COLUMNS = [
  'sequence', 'id', 'kind', 'amends', 'recordedAt', 'recordedBy', 'marking', 'authorities',
  'title', 'decidedBy', 'decidedAt', 'hash', 'prevHash', 'entry',
] as const;

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

/** One row per entry; `entry` holds the whole entry as JSON, so nothing is lost to the columns. */
export function toCsvRow(entry: EntryView): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    sequence: String(entry.sequence),
    id: entry.id,
    kind: entry.kind,
    amends: entry.kind === 'amendment' ? entry.amends : '',
    recordedAt: entry.recordedAt,
    recordedBy: entry.recordedBy.name,
    marking: entry.marking,
    authorities: entry.authorities.join(' '),
    title: entry.kind === 'decision' ? entry.title : '',
    decidedBy: entry.kind === 'decision' ? entry.decidedBy : '',
    decidedAt: entry.kind === 'decision' ? entry.decidedAt : '',
    hash: entry.hash,
    prevHash: entry.prevHash,
    entry: JSON.stringify(entry),
  };
  return `${CSV_COLUMNS.map((column) => csvCell(cells[column], column !== 'entry')).join(',')}\r\n`;
}

/**
 * RFC 4180 quoting. Display columns that a spreadsheet would run as a formula are prefixed with
 * an apostrophe; the `entry` column keeps the exact text.
 */
export function csvCell(value: string, neutraliseFormula = true): string {
  const safe = neutraliseFormula && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
