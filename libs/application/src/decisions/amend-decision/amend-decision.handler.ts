import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { canSee, decisionAmended, notFound, prepareAmendment } from '@muster/domain';
import { DecisionLogReader, ReferenceData } from '../../ports/readers';
import { requireCell } from '../cell-access';
import { DecisionLogAppender } from '../log-appender';
import { LoggedDecision } from '../log-decision/log-decision.command';
import { AmendDecision } from './amend-decision.command';

@CommandHandler(AmendDecision)
export class AmendDecisionHandler implements ICommandHandler<AmendDecision> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly log: DecisionLogReader,
    private readonly appender: DecisionLogAppender,
  ) {}

  async execute({ principal, cell, decisionId, amendment }: AmendDecision): Promise<LoggedDecision & { amends: string }> {
    await requireCell(this.reference, principal, cell, 'decision.amend');
    const original = await this.log.byId(cell, decisionId);
    if (original === undefined || !canSee(principal, original)) throw notFound(`decision ${decisionId}`);
    const [earlier, knownAuthorities] = await Promise.all([this.log.amendmentsOf(cell, decisionId), this.reference.authorityCodes()]);
    // Judged against the amendments read here: two corrections of one decision at the same moment are each
    // checked against the record without the other (only reviewBy against decidedAt can be crossed that way).
    const prepared = prepareAmendment(original, amendment, { earlier, knownAuthorities });
    return this.appender.append(cell, {
      principal,
      content: () => ({
        cell,
        // A correction carries the original's marking: it is about the same matter.
        marking: original.marking,
        authorities: prepared.authorities,
        body: { kind: 'amendment', amends: original.id, amendment: prepared.amendment },
      }),
      eventOf: decisionAmended,
      // The outcome is the response: it is what an idempotent repeat gets back.
      outcome: (logged) => ({ ...logged, amends: original.id }),
    });
  }
}
