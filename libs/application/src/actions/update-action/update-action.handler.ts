import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { canViewAction, notFound, updateAction } from '@muster/domain';
import { auditReads } from '../../data-protection/audit-reads';
import { Clock } from '../../ports/clock';
import { AccessAudit } from '../../ports/data-protection';
import { UnitOfWork } from '../../ports/transaction';
import { ActionWriter } from '../../ports/writers/action.writer';
import type { ActionView } from '../list-actions/list-actions.query';
import { UpdateAction } from './update-action.command';
import { requireARole } from '../list-actions/list-actions.handler';

@CommandHandler(UpdateAction)
export class UpdateActionHandler implements ICommandHandler<UpdateAction> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly audit: AccessAudit,
  ) {}

  /** Decided on the locked row: an update and the overdue timer, or two people at once, follow one another. */
  async execute({ principal, id, update }: UpdateAction): Promise<ActionView> {
    requireARole(principal);
    const updated = await this.unitOfWork.run(async (tx) => {
      const current = await tx.get(ActionWriter).lock(id);
      if (current === undefined || !canViewAction(principal, current)) throw notFound(`action ${id}`);
      const { state, events } = updateAction({ by: principal, at: this.clock.now(), ...update }, current);
      await tx.get(ActionWriter).update(state, current.version);
      await tx.journal.append(events, principal.sub);
      return state;
    });
    await auditReads(this.audit, principal, 'action.read', 'action', [updated]);
    return updated;
  }
}
