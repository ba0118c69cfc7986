import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { alertMissedUpdate, pendingUpdateTimer } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { UnitOfWork } from '../../ports/transaction';
import { EscalationWriter } from '../../ports/writers/escalation.writer';
import { TimerOutcome } from '../climb-escalation/climb-escalation.command';
import { AlertMissedUpdate } from './alert-missed-update.command';

@CommandHandler(AlertMissedUpdate)
export class AlertMissedUpdateHandler implements ICommandHandler<AlertMissedUpdate> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /**
   * Locked while deciding, like the ladder: a timer racing an update (or a duplicate timer after a Redis
   * wipe and reconciliation) cannot re-alert twice, nor re-alert a promise an update has just replaced.
   */
  execute({ escalationId, nextUpdateDue }: AlertMissedUpdate): Promise<TimerOutcome> {
    return this.unitOfWork.run(async (tx) => {
      const current = await tx.get(EscalationWriter).lock(escalationId);
      if (current === undefined) return { outcome: 'moot' };
      const now = this.clock.now();
      const alerted = alertMissedUpdate({ nextUpdateDue, at: now }, current);
      if (alerted.events.length === 0) {
        const pending = pendingUpdateTimer(current);
        const same = pending !== undefined && Date.parse(pending.nextUpdateDue) === Date.parse(nextUpdateDue);
        return same && Date.parse(nextUpdateDue) > now.getTime()
          ? { outcome: 'early', dueAt: new Date(nextUpdateDue).toISOString() }
          : { outcome: 'moot' };
      }
      await tx.get(EscalationWriter).update(alerted.state, current.version);
      await tx.journal.append(alerted.events, 'system');
      return { outcome: 'applied' };
    });
  }
}
