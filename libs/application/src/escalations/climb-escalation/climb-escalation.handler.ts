import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { climbOnDeadline, nextLevel, pendingTimer, scopeOfLevel } from '@muster/domain';
import { heldByAt } from '../../people/holder';
import { Recipients } from '../../ports/recipients';
import { Clock } from '../../ports/clock';
import { EscalationSettings } from '../../ports/escalation-settings';
import { EscalationReader } from '../../ports/readers';
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
    private readonly reader: EscalationReader,
  ) {}

  /**
   * The row is locked while deciding, so a timer and a person (or two timers, after a Redis wipe and
   * reconciliation) cannot both move the same escalation: the ladder climbs once per level.
   */
  async execute({ escalationId, level }: ClimbEscalation): Promise<TimerOutcome> {
    const now = this.clock.now();
    // Who holds the level above, read before the transaction: never a second connection while a row lock
    // holds one (sixteen timers at once would wait on each other for the pool). Only when this timer counts.
    const seen = await this.reader.byId(escalationId);
    const above = seen !== undefined && pendingTimer(seen)?.level === level ? nextLevel(seen.level) : undefined;
    const heldBy =
      seen === undefined || above === undefined
        ? undefined
        : await heldByAt(this.recipients, scopeOfLevel(seen, above), now);
    return this.unitOfWork.run(async (tx) => {
      const current = await tx.get(EscalationWriter).lock(escalationId);
      if (current === undefined) return { outcome: 'moot' };
      // Had it moved since it was read, this timer's level would no longer be pending and nothing would climb.
      const holder = heldBy !== undefined && nextLevel(current.level) === above ? { heldBy } : {};
      const climbed = climbOnDeadline({ level, at: now, sla: this.settings.ackSla, ...holder }, current);
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
