import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessAudit, AccessAuditFilter, AccessAuditReader, AuditCursor } from '@muster/application';
import type { AccessAuditEntry, AccessAuditRecord, Principal } from '@muster/domain';

interface AuditRow {
  id: string;
  at: string;
  sub: string;
  name: string;
  action: AccessAuditRecord['action'];
  item_type: AccessAuditRecord['itemType'];
  item_id: string;
  cell: string | null;
  marking: AccessAuditRecord['marking'];
}

/** Microseconds kept: the export pages on (at, id), and a millisecond cursor would skip or repeat rows. */
const AT = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The access audit log: one insert per request (or live event), whatever the number of items and readers. */
@Injectable()
export class AccessAuditRepository extends AccessAudit {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async recordEach(
    shown: ReadonlyArray<{ principal: Principal; entries: readonly AccessAuditEntry[] }>,
  ): Promise<void> {
    const rows = shown.flatMap(({ principal, entries }) => entries.map((entry) => ({ principal, entry })));
    if (rows.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO access_audit (sub, name, action, item_type, item_id, cell, marking)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [
        rows.map((r) => r.principal.sub),
        rows.map((r) => r.principal.name),
        rows.map((r) => r.entry.action),
        rows.map((r) => r.entry.itemType),
        rows.map((r) => r.entry.itemId),
        rows.map((r) => r.entry.cell),
        rows.map((r) => r.entry.marking),
      ],
    );
  }
}

@Injectable()
export class AccessAuditLogReader extends AccessAuditReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async page(filter: AccessAuditFilter, after: AuditCursor | undefined, limit: number): Promise<AccessAuditRecord[]> {
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT id::text AS id, ${AT} AS at, sub, name, action, item_type, item_id, cell, marking
         FROM access_audit
        WHERE at >= $1 AND at < $2 AND ($3::text IS NULL OR sub = $3)
          AND ($4::timestamptz IS NULL OR (at, id) > ($4::timestamptz, $5::bigint))
        ORDER BY at, id
        LIMIT $6`,
      [filter.from, filter.to, filter.sub ?? null, after?.at ?? null, after?.id ?? null, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      sub: row.sub,
      name: row.name,
      action: row.action,
      itemType: row.item_type,
      itemId: row.item_id,
      cell: row.cell,
      marking: row.marking,
    }));
  }
}
