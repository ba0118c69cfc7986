import {
  decideDecisionRequest,
  DecisionInput,
  DecisionRequest,
  LogEntry,
  Principal,
  settleOverdueEscalation,
} from '@muster/domain';
import { appendEntry, decisionDraft } from '../decisions/append-entry';
import { Clock } from '../ports/clock';
import { Transaction } from '../ports/transaction';
import { DecisionRequestWriter } from '../ports/writers/decision-request.writer';
import { EscalationWriter } from '../ports/writers/escalation.writer';

/**
 * Answers a locked decision request with a decision, inside the caller's unit of work: the decision is
 * logged in the cell's log naming the request, the request is decided by it, and the escalation its missed
 * deadline raised (if any) is settled so it stops climbing. A refusal rolls all of it back.
 */
export async function answerRequest(
  tx: Transaction,
  clock: Clock,
  principal: Principal,
  current: DecisionRequest,
  input: DecisionInput,
  knownAuthorities: ReadonlySet<string>,
): Promise<{ request: DecisionRequest; entry: LogEntry }> {
  const draft = decisionDraft(
    principal,
    current.cell,
    input,
    knownAuthorities,
    { decisionRequestId: current.id },
    (entry) => entry,
  );
  const entry = await appendEntry(tx, clock, current.cell, draft);
  const answer = { id: entry.id, marking: entry.marking, authorities: entry.authorities };
  const decided = decideDecisionRequest({ by: principal, at: clock.now(), answer }, current);
  await tx.get(DecisionRequestWriter).update(decided.state, current.version);
  await tx.journal.append(decided.events, principal.sub);
  const escalation =
    current.escalationId === undefined ? undefined : await tx.get(EscalationWriter).lock(current.escalationId);
  const settled = escalation && settleOverdueEscalation({ decisionId: entry.id, at: clock.now() }, escalation);
  if (escalation !== undefined && settled !== undefined && settled.events.length > 0) {
    await tx.get(EscalationWriter).update(settled.state, escalation.version);
    await tx.journal.append(settled.events, 'system');
  }
  return { request: decided.state, entry };
}
