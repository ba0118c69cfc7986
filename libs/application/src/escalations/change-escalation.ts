import { canViewEscalation, Decided, Escalation, notFound, Principal } from '@muster/domain';
import { EscalationReader } from '../ports/readers';
import { UnitOfWork } from '../ports/transaction';
import { EscalationView, toEscalationView } from './escalation-view';
import { EscalationWriter } from '../ports/writers/escalation.writer';

/**
 * Applies one person's step to an escalation. The rule decides on the state as read; the write is
 * version-checked, so of two people acting at once one succeeds and the other gets a 409.
 */
export async function changeEscalation(
  reader: EscalationReader,
  unitOfWork: UnitOfWork,
  principal: Principal,
  id: string,
  rule: (current: Escalation) => Decided<Escalation> | Promise<Decided<Escalation>>,
): Promise<EscalationView> {
  const current = await reader.byId(id);
  if (current === undefined || !canViewEscalation(principal, current)) throw notFound(`escalation ${id}`);
  const { state: escalation, events } = await rule(current);
  return unitOfWork.run(async (tx) => {
    await tx.get(EscalationWriter).update(escalation, current.version);
    await tx.journal.append(events, principal.sub);
    return toEscalationView(escalation);
  });
}
