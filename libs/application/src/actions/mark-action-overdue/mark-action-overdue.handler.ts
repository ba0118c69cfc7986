import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { markActionOverdue, pendingActionDue } from '@muster/domain';
import { TimerOutcome } from '../../escalations/climb-escalation/climb-escalation.command';
import { Clock } from '../../ports/clock';
import { UnitOfWork } from '../../ports/transaction';
import { ActionWriter } from '../../ports/writers/action.writer';
import { MarkActionOverdue } from './mark-action-overdue.command';

@CommandHandler(MarkActionOverdue)
export class MarkActionOverdueHandler implements ICommandHandler<MarkActionOverdue> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** On the locked row, so a late, repeated or concurrent firing finds it overdue already and does nothing. */
  execute({ actionId }: MarkActionOverdue): Promise<TimerOutcome> {
    return this.unitOfWork.run(async (tx) => {
      const current = await tx.get(ActionWriter).lock(actionId);
      if (current === undefined) return { outcome: 'moot' };
      const now = this.clock.now();
      const { state, events } = markActionOverdue({ at: now }, current);
      if (events.length === 0) {
        const due = pendingActionDue(current);
        return due !== undefined && Date.parse(due) > now.getTime()
          ? { outcome: 'early', dueAt: due }
          : { outcome: 'moot' };
      }
      await tx.get(ActionWriter).update(state, current.version);
      await tx.journal.append(events, 'system');
      return { outcome: 'applied' };
    });
  }
}
