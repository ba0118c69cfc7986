import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { updateEscalation } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { EscalationReader } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { changeEscalation } from '../change-escalation';
import { EscalationView } from '../escalation-view';
import { UpdateEscalation } from './update-escalation.command';

@CommandHandler(UpdateEscalation)
export class UpdateEscalationHandler implements ICommandHandler<UpdateEscalation> {
  constructor(
    private readonly reader: EscalationReader,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute({ principal, id, note, nextUpdateDue }: UpdateEscalation): Promise<EscalationView> {
    return changeEscalation(this.reader, this.unitOfWork, principal, id, (current) =>
      updateEscalation(
        {
          by: principal,
          at: this.clock.now(),
          note,
          ...(nextUpdateDue !== undefined && { nextUpdateDue: new Date(nextUpdateDue) }),
        },
        current,
      ),
    );
  }
}
