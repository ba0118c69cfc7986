import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { canSee, decisionAmended, notFound, prepareAmendment } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { DecisionLogReader, ReferenceData } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { appendEntry } from '../append-entry';
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
    // The unit of work's result is the response: it is what an idempotent repeat gets back.
    return this.unitOfWork.run(async (tx) => {
      const logged = await appendEntry(
        tx,
        this.clock,
        principal,
        {
          cell,
          // A correction carries the original's marking: it is about the same matter.
          marking: original.marking,
          authorities: prepared.authorities,
          body: { kind: 'amendment', amends: original.id, amendment: prepared.amendment },
        },
        decisionAmended,
      );
      return { ...logged, amends: original.id };
    });
  }
}
