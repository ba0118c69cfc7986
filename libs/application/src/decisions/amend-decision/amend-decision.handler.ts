import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { amendDecision, canSee, notFound } from '@muster/domain';
import { DecisionLogReader, ReferenceData } from '../../ports/readers';
import { requireCell } from '../cell-access';
import { loggedOf } from '../append-entry';
import { DecisionLogAppender } from '../log-appender';
import { AmendDecision, LoggedAmendment } from './amend-decision.command';

@CommandHandler(AmendDecision)
export class AmendDecisionHandler implements ICommandHandler<AmendDecision> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly log: DecisionLogReader,
    private readonly appender: DecisionLogAppender,
  ) {}

  async execute({ principal, cell, decisionId, amendment }: AmendDecision): Promise<LoggedAmendment> {
    await requireCell(this.reference, principal, cell, 'decision.amend');
    const original = await this.log.byId(cell, decisionId);
    if (original === undefined || !canSee(principal, original)) throw notFound(`decision ${decisionId}`);
    const [earlier, knownAuthorities] = await Promise.all([
      this.log.amendmentsOf(cell, decisionId),
      this.reference.authorityCodes(),
    ]);
    // Judged against the amendments read here: two corrections of one decision at the same moment are each
    // checked against the record without the other (only reviewBy against decidedAt can be crossed that way).
    return this.appender.append(cell, {
      principal,
      amends: { id: original.id, sequence: original.sequence },
      decide: ({ head, journalPosition, at, id }) =>
        amendDecision(
          { by: principal, at, id, amendment },
          { head, journalPosition, knownAuthorities, original, earlier },
        ),
      // The outcome is the response: it is what an idempotent repeat gets back.
      outcome: (entry) => ({
        ...loggedOf(entry),
        amends: original.id,
        ...(entry.body.kind === 'amendment' &&
          entry.body.amendment.actionsDiff !== undefined && { actionsDiff: entry.body.amendment.actionsDiff }),
      }),
    });
  }
}
