import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { canViewDecisionRequest, notFound } from '@muster/domain';
import { loggedOf } from '../../decisions/append-entry';
import { answerRequest } from '../answer-request';
import { requireCell } from '../../decisions/cell-access';
import { Clock } from '../../ports/clock';
import { DecisionRequestReader, ReferenceData } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { toDecisionRequestView } from '../decision-request-view';
import { DecidedRequest, DecideDecisionRequest } from './decide-decision-request.command';
import { DecisionRequestWriter } from '../../ports/writers/decision-request.writer';

@CommandHandler(DecideDecisionRequest)
export class DecideDecisionRequestHandler implements ICommandHandler<DecideDecisionRequest> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly requests: DecisionRequestReader,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, cell, requestId, input }: DecideDecisionRequest): Promise<DecidedRequest> {
    // Outsiders to the cell are refused (403) before anything about its requests is revealed.
    await requireCell(this.reference, principal, cell, 'cell.view');
    const seen = await this.requests.byId(cell, requestId);
    if (seen === undefined || !canViewDecisionRequest(principal, seen)) throw notFound(`decision request ${requestId}`);
    const knownAuthorities = await this.reference.authorityCodes();

    return this.unitOfWork.run(async (tx) => {
      // Locked so the deadline timer and this answer cannot both settle the request.
      const current = (await tx.get(DecisionRequestWriter).lock(requestId)) ?? seen;
      // A refusal (already decided, not the cell's lead, an answer wider than the request) rolls the logged entry back with it.
      const { request, entry } = await answerRequest(tx, this.clock, principal, current, input, knownAuthorities);
      return { ...toDecisionRequestView(request), decision: loggedOf(entry) };
    });
  }
}
