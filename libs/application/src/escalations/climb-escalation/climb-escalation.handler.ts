import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { climbOnDeadline, nextLevel, pendingTimer } from '@muster/domain';
import { heldByAt } from '../../people/holder';
import { Recipients } from '../../ports/recipients';
import { Clock } from '../../ports/clock';
import { EscalationSettings } from '../../ports/escalation-settings';
import { UnitOfWork } from '../../ports/transaction';
import { ClimbEscalation, TimerOutcome } from './climb-escalation.command';
import { EscalationWriter } from '../../ports/writers/escalation.writer';

@CommandHandler(ClimbEscalation)
export class ClimbEscalationHandler implements ICommandHandler<ClimbEscalation> {
  constructor(
    private readonly settings: EscalationSettings,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly recipients: Recipients,
  ) {}

  /**
   * The row is locked while deciding, so a timer and a person (or two timers, after a Redis wipe and
   * reconciliation) cannot both move the same escalation: the ladder climbs once per level.
   */
  execute({ escalationId, level }: ClimbEscalation): Promise<TimerOutcome> {
    return this.unitOfWork.run(async (tx) => {
      const current = await tx.get(EscalationWriter).lock(escalationId);
      if (current === undefined) return { outcome: 'moot' };
      const now = this.clock.now();
      // Who holds the level above now, read only when this timer is the one that counts.
      const above = pendingTimer(current)?.level === level ? nextLevel(current.level) : undefined;
      const heldBy = above === undefined ? undefined : await heldByAt(this.recipients, current, above, now);
      const climbed = climbOnDeadline(
        { level, at: now, sla: this.settings.ackSla, ...(heldBy && { heldBy }) },
        current,
      );
      if (climbed.events.length === 0) {
        const pending = pendingTimer(current);
        // A timer can fire a little before its deadline (clocks differ between processes): wait, don't drop.
        return pending?.level === level && Date.parse(pending.dueAt) > now.getTime()
          ? { outcome: 'early', dueAt: pending.dueAt }
          : { outcome: 'moot' };
      }
      await tx.get(EscalationWriter).update(climbed.state, current.version);
      await tx.journal.append(climbed.events, 'system');
      return { outcome: 'applied' };
    });
  }
}
