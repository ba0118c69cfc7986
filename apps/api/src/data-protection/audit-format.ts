import type { AccessAuditRecord } from '@muster/domain';
import { csvRecord } from '../http/csv';

export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'sub',
  'name',
  'action',
  'itemType',
  'itemId',
  'cell',
  'marking',
] as const;

export async function* auditJsonLines(rows: AsyncIterable<AccessAuditRecord>): AsyncGenerator<string> {
  for await (const row of rows) yield `${JSON.stringify(row)}\n`;
}

export async function* auditCsvLines(rows: AsyncIterable<AccessAuditRecord>): AsyncGenerator<string> {
  yield csvRecord(AUDIT_CSV_COLUMNS);
  for await (const row of rows) yield csvRecord(AUDIT_CSV_COLUMNS.map((column) => row[column] ?? ''));
}
