import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { markOverdue, pendingDeadline, raiseOverdueEscalation } from '@muster/domain';
import { TimerOutcome } from '../../escalations/climb-escalation/climb-escalation.command';
import { Clock } from '../../ports/clock';
import { EscalationSettings } from '../../ports/escalation-settings';
import { UnitOfWork } from '../../ports/transaction';
import { Recipients } from '../../ports/recipients';
import { heldByAt } from '../../people/holder';
import { MarkDecisionRequestOverdue } from './mark-decision-request-overdue.command';
import { DecisionRequestWriter } from '../../ports/writers/decision-request.writer';
import { EscalationWriter } from '../../ports/writers/escalation.writer';

@CommandHandler(MarkDecisionRequestOverdue)
export class MarkDecisionRequestOverdueHandler implements ICommandHandler<MarkDecisionRequestOverdue> {
  constructor(
    private readonly settings: EscalationSettings,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly recipients: Recipients,
  ) {}

  /** Overdue and its regional escalation are one transaction on a locked row: both happen, once. */
  async execute({ requestId }: MarkDecisionRequestOverdue): Promise<TimerOutcome> {
    const now = this.clock.now();
    // The regional holder, read before the transaction: never a second connection while a row lock holds one.
    const heldBy = await heldByAt(this.recipients, 'regional', now);
    return this.unitOfWork.run(async (tx) => {
      const current = await tx.get(DecisionRequestWriter).lock(requestId);
      if (current === undefined) return { outcome: 'moot' };
      const escalationId = randomUUID();
      const overdue = markOverdue({ at: now, escalationId }, current);
      if (overdue.events.length === 0) {
        const due = pendingDeadline(current);
        return due !== undefined && Date.parse(due) > now.getTime()
          ? { outcome: 'early', dueAt: due }
          : { outcome: 'moot' };
      }
      const raised = raiseOverdueEscalation(
        { at: now, sla: this.settings.ackSla, id: escalationId, heldBy },
        overdue.state,
      );
      await tx.get(EscalationWriter).insert(raised.state);
      await tx.get(DecisionRequestWriter).update(overdue.state, current.version);
      await tx.journal.append([...overdue.events, ...raised.events], 'system');
      return { outcome: 'applied' };
    });
  }
}
