import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { resolveEscalation } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { EscalationReader } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { changeEscalation } from '../change-escalation';
import { EscalationView } from '../escalation-view';
import { ResolveEscalation } from './resolve-escalation.command';

@CommandHandler(ResolveEscalation)
export class ResolveEscalationHandler implements ICommandHandler<ResolveEscalation> {
  constructor(
    private readonly reader: EscalationReader,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute({ principal, id, resolution }: ResolveEscalation): Promise<EscalationView> {
    return changeEscalation(this.reader, this.unitOfWork, principal, id, (current) =>
      resolveEscalation({ by: principal, at: this.clock.now(), resolution }, current),
    );
  }
}
