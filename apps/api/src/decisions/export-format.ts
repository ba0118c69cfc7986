import { EntryView } from '@muster/application';
import { csvRecord } from '../http/csv';

/** The export as JSON Lines, one entry a line, as the query streams it (the API's and the console's). */
export async function* jsonLines(entries: AsyncIterable<EntryView>): AsyncGenerator<string> {
  for await (const entry of entries) yield toJsonLine(entry);
}

/** The export as CSV: the header, then one record per entry. */
export async function* csvLines(entries: AsyncIterable<EntryView>): AsyncGenerator<string> {
  yield csvHeader();
  for await (const entry of entries) yield toCsvRow(entry);
}

export function toJsonLine(entry: EntryView): string {
  return `${JSON.stringify(entry)}\n`;
}

export const CSV_COLUMNS = [
  'sequence',
  'id',
  'kind',
  'amends',
  'recordedAt',
  'recordedBy',
  'marking',
  'authorities',
  'title',
  'decidedBy',
  'decidedAt',
  'hash',
  'prevHash',
  'entry',
] as const;

export function csvHeader(): string {
  return csvRecord(CSV_COLUMNS);
}

/** One row per entry; `entry` holds the whole entry as JSON (it starts with `{`, so it is kept exactly). */
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
  return csvRecord(CSV_COLUMNS.map((column) => cells[column]));
}
