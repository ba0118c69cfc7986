import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { withdrawEscalation } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { EscalationReader } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { changeEscalation } from '../change-escalation';
import { EscalationView } from '../escalation-view';
import { WithdrawEscalation } from './withdraw-escalation.command';

@CommandHandler(WithdrawEscalation)
export class WithdrawEscalationHandler implements ICommandHandler<WithdrawEscalation> {
  constructor(
    private readonly reader: EscalationReader,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute({ principal, id, reason }: WithdrawEscalation): Promise<EscalationView> {
    return changeEscalation(this.reader, this.unitOfWork, principal, id, (current) =>
      withdrawEscalation({ by: principal, at: this.clock.now(), reason }, current),
    );
  }
}
