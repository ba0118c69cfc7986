import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { acknowledgeEscalation } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { EscalationReader } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { changeEscalation } from '../change-escalation';
import { EscalationView } from '../escalation-view';
import { AcknowledgeEscalation } from './acknowledge-escalation.command';

@CommandHandler(AcknowledgeEscalation)
export class AcknowledgeEscalationHandler implements ICommandHandler<AcknowledgeEscalation> {
  constructor(
    private readonly reader: EscalationReader,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute({ principal, id, note }: AcknowledgeEscalation): Promise<EscalationView> {
    return changeEscalation(this.reader, this.unitOfWork, principal, id, (current) =>
      acknowledgeEscalation({ by: principal, at: this.clock.now(), ...(note !== undefined && { note }) }, current),
    );
  }
}
