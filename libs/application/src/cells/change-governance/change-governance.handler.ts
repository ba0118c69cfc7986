import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { activateCell, forbidden, notFound, OFFICIAL_ONLY, standDownCell } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { DecisionRequestReader, EscalationReader } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { ActivateCell, GovernanceResult, StandDownCell } from './change-governance.command';
import { CellWriter } from '../../ports/writers/cell.writer';

@CommandHandler(ActivateCell)
export class ActivateCellHandler implements ICommandHandler<ActivateCell> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute({ principal, slug, reason }: ActivateCell): Promise<GovernanceResult> {
    return this.unitOfWork.run(async (tx) => {
      const governance = await tx.get(CellWriter).lock(slug);
      if (governance === undefined) throw notFound(`cell ${slug}`);
      const { state: cell, events } = activateCell({ by: principal, at: this.clock.now(), reason }, governance.cell);
      // Activation answers the open question, if there was one; the episode stays open while active.
      await tx.get(CellWriter).update({ cell, episodeOpen: true });
      await tx.journal.append(events, principal.sub);
      return { cell };
    });
  }
}

@CommandHandler(StandDownCell)
export class StandDownCellHandler implements ICommandHandler<StandDownCell> {
  constructor(
    private readonly escalations: EscalationReader,
    private readonly requests: DecisionRequestReader,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, slug, reason, note }: StandDownCell): Promise<GovernanceResult> {
    if (!principal.roles.has('regional-coordinator'))
      throw forbidden('only regional coordinators may stand down crisis governance');
    // The handover travels on an OFFICIAL event: it lists OFFICIAL items only, never a sensitive one's id.
    const page = { limit: 500 };
    const unresolved = [
      ...(await this.escalations.list({ cell: slug, status: 'open' }, page, OFFICIAL_ONLY)).items,
      ...(await this.escalations.list({ cell: slug, status: 'acknowledged' }, page, OFFICIAL_ONLY)).items,
    ];
    const undecided = [
      ...(await this.requests.list(slug, 'open', page, OFFICIAL_ONLY)).items,
      ...(await this.requests.list(slug, 'overdue', page, OFFICIAL_ONLY)).items,
    ];
    const handover = {
      openEscalations: unresolved.filter((e) => e.marking === 'OFFICIAL').map((e) => e.id),
      openRequests: undecided.filter((r) => r.marking === 'OFFICIAL').map((r) => r.id),
      ...(note === undefined ? {} : { note }),
    };
    return this.unitOfWork.run(async (tx) => {
      const governance = await tx.get(CellWriter).lock(slug);
      if (governance === undefined) throw notFound(`cell ${slug}`);
      const { state: cell, events } = standDownCell(
        { by: principal, at: this.clock.now(), reason, handover },
        governance.cell,
      );
      await tx.get(CellWriter).update({ cell, episodeOpen: governance.episodeOpen });
      await tx.journal.append(events, principal.sub);
      return { cell, handover };
    });
  }
}
