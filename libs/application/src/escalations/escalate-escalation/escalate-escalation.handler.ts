import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { escalateEscalation, nextLevel, scopeOfLevel } from '@muster/domain';
import { heldByAt } from '../../people/holder';
import { Recipients } from '../../ports/recipients';
import { Clock } from '../../ports/clock';
import { EscalationSettings } from '../../ports/escalation-settings';
import { EscalationReader } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { changeEscalation } from '../change-escalation';
import { EscalationView } from '../escalation-view';
import { EscalateEscalation } from './escalate-escalation.command';

@CommandHandler(EscalateEscalation)
export class EscalateEscalationHandler implements ICommandHandler<EscalateEscalation> {
  constructor(
    private readonly reader: EscalationReader,
    private readonly settings: EscalationSettings,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly recipients: Recipients,
  ) {}

  execute({ principal, id, reason }: EscalateEscalation): Promise<EscalationView> {
    return changeEscalation(this.reader, this.unitOfWork, principal, id, async (current) => {
      const at = this.clock.now();
      const above = nextLevel(current.level);
      const heldBy =
        above === undefined ? undefined : await heldByAt(this.recipients, scopeOfLevel(current, above), at);
      return escalateEscalation(
        { by: principal, at, reason, sla: this.settings.ackSla, ...(heldBy && { heldBy }) },
        current,
      );
    });
  }
}
