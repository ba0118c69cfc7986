import { AccessAuditEntry, AccessAuditRecord, Principal } from '@muster/domain';
import { AccessAudit, AccessAuditFilter, AccessAuditReader, AuditCursor } from '@muster/application';

/** The audit log in memory: what each request recorded, and the rows an export reads. */
export class FakeAccessAudit extends AccessAudit {
  readonly calls: Array<{ sub: string; entries: AccessAuditEntry[] }> = [];
  readonly rows: AccessAuditRecord[] = [];

  async recordEach(
    shown: ReadonlyArray<{ principal: Principal; entries: readonly AccessAuditEntry[] }>,
  ): Promise<void> {
    for (const { principal, entries } of shown) {
      this.calls.push({ sub: principal.sub, entries: [...entries] });
      for (const entry of entries) {
        this.rows.push({
          ...entry,
          id: String(this.rows.length + 1),
          at: new Date().toISOString(),
          sub: principal.sub,
          name: principal.name,
        });
      }
    }
  }

  reader(): AccessAuditReader {
    const rows = this.rows;
    return new (class extends AccessAuditReader {
      async page(
        filter: AccessAuditFilter,
        after: AuditCursor | undefined,
        limit: number,
      ): Promise<AccessAuditRecord[]> {
        return rows
          .filter(
            (r) => Number(r.id) > Number(after?.id ?? 0) && new Date(r.at) >= filter.from && new Date(r.at) < filter.to,
          )
          .filter((r) => filter.sub === undefined || r.sub === filter.sub)
          .slice(0, limit);
      }
    })();
  }
}
