import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { canViewDecisionRequest, decideDecisionRequest, notFound, settleOverdueEscalation } from '@muster/domain';
import { appendEntry, decisionDraft, loggedOf } from '../../decisions/append-entry';
import { requireCell } from '../../decisions/cell-access';
import { Clock } from '../../ports/clock';
import { DecisionRequestReader, ReferenceData } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { toDecisionRequestView } from '../decision-request-view';
import { DecidedRequest, DecideDecisionRequest } from './decide-decision-request.command';
import { DecisionRequestWriter } from '../../ports/writers/decision-request.writer';
import { EscalationWriter } from '../../ports/writers/escalation.writer';

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
      const draft = decisionDraft(
        principal,
        cell,
        input,
        knownAuthorities,
        { decisionRequestId: current.id },
        (entry) => entry,
      );
      const entry = await appendEntry(tx, this.clock, cell, draft);
      // A refusal here (already decided, not the cell's lead, an answer wider than the request) rolls the logged entry back with it.
      const answer = { id: entry.id, marking: entry.marking, authorities: entry.authorities };
      const decided = decideDecisionRequest({ by: principal, at: this.clock.now(), answer }, current);
      await tx.get(DecisionRequestWriter).update(decided.state, current.version);
      await tx.journal.append(decided.events, principal.sub);
      // A late answer settles the escalation its missed deadline raised, so that stops climbing.
      const escalation =
        current.escalationId === undefined ? undefined : await tx.get(EscalationWriter).lock(current.escalationId);
      const settled = escalation && settleOverdueEscalation({ decisionId: entry.id, at: this.clock.now() }, escalation);
      if (escalation !== undefined && settled !== undefined && settled.events.length > 0) {
        await tx.get(EscalationWriter).update(settled.state, escalation.version);
        await tx.journal.append(settled.events, 'system');
      }
      return { ...toDecisionRequestView(decided.state), decision: loggedOf(entry) };
    });
  }
}
