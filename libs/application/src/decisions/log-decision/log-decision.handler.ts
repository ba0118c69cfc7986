import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { prepareDecision } from '@muster/domain';
import { Clock } from '../../ports/clock';
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
    private readonly clock: Clock,
  ) {}

  async execute({ principal, cell, input }: LogDecision): Promise<LoggedDecision> {
    await requireCell(this.reference, principal, cell, 'decision.log');
    const knownAuthorities = await this.reference.authorityCodes();
    const prepared = prepareDecision(input, { principal, now: this.clock.now(), knownAuthorities });
    return this.appender.append(cell, decisionDraft(principal, cell, prepared));
  }
}
