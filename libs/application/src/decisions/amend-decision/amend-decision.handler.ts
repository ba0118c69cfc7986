import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { canSee, decisionAmended, linkEntry, notFound, prepareAmendment } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { DecisionLogReader, ReferenceData } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { requireCell } from '../cell-access';
import { LoggedDecision } from '../log-decision/log-decision.command';
import { AmendDecision } from './amend-decision.command';

@CommandHandler(AmendDecision)
export class AmendDecisionHandler implements ICommandHandler<AmendDecision> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly log: DecisionLogReader,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, cell, decisionId, amendment }: AmendDecision): Promise<LoggedDecision & { amends: string }> {
    await requireCell(this.reference, principal, cell, 'decision.amend');
    const original = await this.log.byId(cell, decisionId);
    if (original === undefined || !canSee(principal, original)) throw notFound(`decision ${decisionId}`);
    const prepared = prepareAmendment(original, amendment, await this.reference.authorityCodes());

    return this.unitOfWork.run(async (tx) => {
      const head = await tx.decisions.lockHead(cell);
      const entry = linkEntry(
        {
          id: randomUUID(),
          cell,
          marking: original.marking,
          authorities: prepared.authorities,
          recordedAt: this.clock.now().toISOString(),
          recordedBy: { sub: principal.sub, name: principal.name },
          body: { kind: 'amendment', amends: original.id, amendment: prepared.amendment },
        },
        head,
      );
      await tx.decisions.append(entry);
      await tx.journal.append([decisionAmended(entry)], principal.sub);
      return {
        id: entry.id,
        amends: original.id,
        sequence: entry.sequence,
        hash: entry.hash,
        prevHash: entry.prevHash,
        recordedAt: entry.recordedAt,
      };
    });
  }
}
