import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { prepareDecision } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { JournalPosition, ReferenceData } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { appendDecision } from '../append-entry';
import { requireCell } from '../cell-access';
import { LogDecision, LoggedDecision } from './log-decision.command';

@CommandHandler(LogDecision)
export class LogDecisionHandler implements ICommandHandler<LogDecision> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly position: JournalPosition,
  ) {}

  async execute({ principal, cell, input }: LogDecision): Promise<LoggedDecision> {
    await requireCell(this.reference, principal, cell, 'decision.log');
    const knownAuthorities = await this.reference.authorityCodes();
    const prepared = prepareDecision(input, { principal, now: this.clock.now(), knownAuthorities });
    const journalPosition = await this.position.current();
    return this.unitOfWork.run((tx) => appendDecision(tx, this.clock, principal, cell, prepared, { journalPosition }));
  }
}
