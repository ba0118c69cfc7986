import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ReferenceData } from '../../ports/readers';
import { decisionDraft } from '../append-entry';
import { requireCell } from '../cell-access';
import { DecisionLogAppender } from '../log-appender';
import { LogDecision, LoggedDecision } from './log-decision.command';

@CommandHandler(LogDecision)
export class LogDecisionHandler implements ICommandHandler<LogDecision> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly appender: DecisionLogAppender,
  ) {}

  async execute({ principal, cell, input }: LogDecision): Promise<LoggedDecision> {
    await requireCell(this.reference, principal, cell, 'decision.log');
    // Judged by the rule under the cell's lock, at the time it is recorded.
    return this.appender.append(cell, decisionDraft(principal, cell, input, await this.reference.authorityCodes()));
  }
}
