import { stringify } from 'csv-stringify/sync';

/**
 * One RFC 4180 record, CRLF-ended. A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR and
 * their full-width forms first) gets a leading apostrophe: names and titles are typed by people.
 */
export function csvRecord(cells: readonly string[]): string {
  return stringify([cells], { record_delimiter: 'windows', escape_formulas: true });
}
