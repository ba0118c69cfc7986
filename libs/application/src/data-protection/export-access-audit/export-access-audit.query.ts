import { Query } from '@nestjs/cqrs';
import { AccessAuditRecord, Principal } from '@muster/domain';

export class ExportAccessAudit extends Query<AsyncIterable<AccessAuditRecord>> {
  constructor(
    readonly principal: Principal,
    readonly from: Date,
    readonly to: Date,
    /** Only what this subject was shown. */
    readonly sub?: string,
  ) {
    super();
  }
}
