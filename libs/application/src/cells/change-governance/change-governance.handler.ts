import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  activateCell,
  activationDecision,
  type CellStoodDownData,
  forbidden,
  isActivationQuestion,
  isUnanswered,
  notFound,
  OFFICIAL_ONLY,
  returnToStandby,
  standDownCell,
} from '@muster/domain';
import { answerRequest } from '../../decision-requests/answer-request';
import { CellOpenItems } from '../../ports/cell-handovers';
import { Clock } from '../../ports/clock';
import { DecisionRequestReader, ReferenceData } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { ActivateCell, GovernanceResult, ReturnCellToStandby, StandDownCell } from './change-governance.command';
import { CellWriter } from '../../ports/writers/cell.writer';
import { DecisionRequestWriter } from '../../ports/writers/decision-request.writer';

@CommandHandler(ActivateCell)
export class ActivateCellHandler implements ICommandHandler<ActivateCell> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly requests: DecisionRequestReader,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, slug, reason }: ActivateCell): Promise<GovernanceResult> {
    // The questions Muster opened for this cell; each is re-read under its lock before it is answered.
    const page = { limit: 500 };
    const questions = [
      ...(await this.requests.list(slug, 'open', page, OFFICIAL_ONLY)).items,
      ...(await this.requests.list(slug, 'overdue', page, OFFICIAL_ONLY)).items,
    ].filter(isActivationQuestion);
    const knownAuthorities = await this.reference.authorityCodes();
    return this.unitOfWork.run(async (tx) => {
      const governance = await tx.get(CellWriter).lock(slug);
      if (governance === undefined) throw notFound(`cell ${slug}`);
      const now = this.clock.now();
      const { state: cell, events } = activateCell({ by: principal, at: now, reason }, governance.cell);
      // Activation answers the open question, if there was one; the episode stays open while active.
      await tx.get(CellWriter).update({ cell, episodeOpen: true });
      await tx.journal.append(events, principal.sub);
      const answered: Array<{ requestId: string; decisionId: string }> = [];
      for (const seen of questions) {
        const current = await tx.get(DecisionRequestWriter).lock(seen.id);
        if (current === undefined || !isUnanswered(current)) continue;
        const input = activationDecision(cell, current, principal, now, reason);
        const { entry } = await answerRequest(tx, this.clock, principal, current, input, knownAuthorities);
        answered.push({ requestId: current.id, decisionId: entry.id });
      }
      return { cell, ...(answered.length > 0 && { answered }) };
    });
  }
}

@CommandHandler(StandDownCell)
export class StandDownCellHandler implements ICommandHandler<StandDownCell> {
  constructor(
    private readonly openItems: CellOpenItems,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, slug, reason, note, assignments }: StandDownCell): Promise<GovernanceResult> {
    if (!principal.roles.has('regional-coordinator'))
      throw forbidden('only regional coordinators may stand down crisis governance');
    const open = await this.openItems.of(slug);
    return this.unitOfWork.run(async (tx) => {
      const governance = await tx.get(CellWriter).lock(slug);
      if (governance === undefined) throw notFound(`cell ${slug}`);
      const { state: cell, events } = standDownCell(
        { by: principal, at: this.clock.now(), reason, open, assignments, ...(note !== undefined && { note }) },
        governance.cell,
      );
      await tx.get(CellWriter).update({ cell, episodeOpen: governance.episodeOpen });
      await tx.journal.append(events, principal.sub);
      // The event carries the handover as the rule completed it (the items each with its title).
      const recorded = events[0]?.data as CellStoodDownData | undefined;
      return { cell, ...(recorded !== undefined && { handover: recorded.handover }) };
    });
  }
}

@CommandHandler(ReturnCellToStandby)
export class ReturnCellToStandbyHandler implements ICommandHandler<ReturnCellToStandby> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute({ principal, slug, reason }: ReturnCellToStandby): Promise<GovernanceResult> {
    return this.unitOfWork.run(async (tx) => {
      const governance = await tx.get(CellWriter).lock(slug);
      if (governance === undefined) throw notFound(`cell ${slug}`);
      const { state: cell, events } = returnToStandby({ by: principal, at: this.clock.now(), reason }, governance.cell);
      await tx.get(CellWriter).update({ cell, episodeOpen: governance.episodeOpen });
      await tx.journal.append(events, principal.sub);
      return { cell };
    });
  }
}
