import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { createHmac, randomBytes } from 'node:crypto';
import {
  AccessAuditRecord,
  auditRowFor,
  AuditedItemType,
  can,
  DomainError,
  forbidden,
  Principal,
} from '@muster/domain';
import { AccessAuditFilter, AccessAuditReader, AuditCursor } from '../../ports/data-protection';
import { ExportAccessAudit } from './export-access-audit.query';

/** One export covers at most this span, so a request's cost is bounded by the log's rate, not its age. */
export const MAX_AUDIT_EXPORT_DAYS = 366;
const PAGE = 1_000;

@QueryHandler(ExportAccessAudit)
export class ExportAccessAuditHandler implements IQueryHandler<ExportAccessAudit> {
  constructor(private readonly reader: AccessAuditReader) {}

  /** Checks access and the range before the first byte; rows then stream a page at a time. */
  execute({ principal, from, to, sub }: ExportAccessAudit): Promise<AsyncIterable<AccessAuditRecord>> {
    try {
      if (!can(principal, 'audit.export')) throw forbidden('only administrators may export the access audit log');
      assertRange(from, to);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return Promise.resolve(this.rows(principal, { from, to, sub }));
  }

  private async *rows(principal: Principal, filter: AccessAuditFilter): AsyncGenerator<AccessAuditRecord> {
    const pseudonym = exportPseudonyms();
    let after: AuditCursor | undefined;
    for (;;) {
      const page = await this.reader.page(filter, after, PAGE);
      for (const row of page) yield auditRowFor(principal, row, pseudonym);
      if (page.length < PAGE) return;
      after = page.at(-1);
    }
  }
}

/**
 * Pseudonyms keyed afresh for each export and then forgotten: the same item gets the same one within an
 * export, and none can be traced back to its item or matched across exports.
 */
function exportPseudonyms(): (itemType: AuditedItemType, itemId: string) => string {
  const key = randomBytes(32);
  return (itemType, itemId) =>
    `withheld-${createHmac('sha256', key).update(`${itemType}\n${itemId}`).digest('hex').slice(0, 20)}`;
}

function assertRange(from: Date, to: Date): void {
  const message =
    from.getTime() >= to.getTime()
      ? 'must be before `to`'
      : to.getTime() - from.getTime() > MAX_AUDIT_EXPORT_DAYS * 24 * 3600 * 1000
        ? `must be at most ${MAX_AUDIT_EXPORT_DAYS} days before \`to\``
        : undefined;
  if (message !== undefined) throw new DomainError('validation-failed', `from ${message}`, [{ path: 'from', message }]);
}
