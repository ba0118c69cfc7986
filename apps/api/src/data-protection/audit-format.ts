import type { AccessAuditRecord } from '@muster/domain';
import { csvCell } from '../decisions/export-format';

export const AUDIT_CSV_COLUMNS = ['id', 'at', 'sub', 'name', 'action', 'itemType', 'itemId', 'cell', 'marking'] as const;

export async function* auditJsonLines(rows: AsyncIterable<AccessAuditRecord>): AsyncGenerator<string> {
  for await (const row of rows) yield `${JSON.stringify(row)}\n`;
}

/** RFC 4180, with the decision export's formula neutralising: names are typed by people. */
export async function* auditCsvLines(rows: AsyncIterable<AccessAuditRecord>): AsyncGenerator<string> {
  yield `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
  for await (const row of rows) yield `${AUDIT_CSV_COLUMNS.map((column) => csvCell(row[column] ?? '')).join(',')}\r\n`;
}
