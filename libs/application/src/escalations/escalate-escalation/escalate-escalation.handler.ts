import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { escalateEscalation } from '@muster/domain';
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
  ) {}

  execute({ principal, id, reason }: EscalateEscalation): Promise<EscalationView> {
    return changeEscalation(this.reader, this.unitOfWork, principal, id, (current) =>
      escalateEscalation({ by: principal, at: this.clock.now(), reason, sla: this.settings.ackSla }, current),
    );
  }
}
