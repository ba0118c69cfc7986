import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { can, canSee, DomainError, forbidden } from '@muster/domain';
import { AccessAudit } from '../../ports/data-protection';
import { auditEntries } from '../audit-reads';
import { AdmitReplay } from './admit-replay.query';

@QueryHandler(AdmitReplay)
export class AdmitReplayHandler implements IQueryHandler<AdmitReplay> {
  constructor(private readonly audit: AccessAudit) {}

  /** The replay is a read of what was stored: the caller's clearance and roles now decide, not theirs then. */
  async execute({ principal, disclosure }: AdmitReplay): Promise<void> {
    const { read, items } = disclosure;
    if (read !== undefined && !can(principal, read.action, { cell: read.cell })) {
      throw forbidden('your roles no longer allow reading the response stored under this Idempotency-Key');
    }
    if (items.some((item) => !canSee(principal, item))) {
      // As a GET of that item would answer: it is not there for this caller.
      throw new DomainError(
        'not-found',
        'the response stored under this Idempotency-Key shows what you may no longer see',
      );
    }
    await auditEntries(
      this.audit,
      principal,
      items
        .filter((item) => item.marking === 'OFFICIAL-SENSITIVE')
        .map((item) => ({
          action: 'response.replay',
          itemType: item.itemType,
          itemId: item.id,
          cell: item.cell ?? null,
          marking: item.marking,
        })),
    );
  }
}
