import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { notFound, raiseEscalation, ruleViolated, scopeOfLevel } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { EscalationSettings } from '../../ports/escalation-settings';
import { ReferenceData } from '../../ports/readers';
import { Recipients } from '../../ports/recipients';
import { heldByAt } from '../../people/holder';
import { UnitOfWork } from '../../ports/transaction';
import { EscalationView, toEscalationView } from '../escalation-view';
import { RaiseEscalation } from './raise-escalation.command';
import { EscalationWriter } from '../../ports/writers/escalation.writer';

@CommandHandler(RaiseEscalation)
export class RaiseEscalationHandler implements ICommandHandler<RaiseEscalation> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly settings: EscalationSettings,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly recipients: Recipients,
  ) {}

  async execute({ principal, input }: RaiseEscalation): Promise<EscalationView> {
    if (!(await this.reference.cellExists(input.cell))) throw notFound(`cell ${input.cell}`);
    if (!(await this.reference.authorityCodes()).has(input.authority)) {
      throw ruleViolated('authority', `unknown authority ${input.authority}`);
    }
    const at = this.clock.now();
    const { state: escalation, events } = raiseEscalation({
      ...input,
      by: principal,
      at,
      sla: this.settings.ackSla,
      id: randomUUID(),
      heldBy: await heldByAt(this.recipients, scopeOfLevel(input, 'cell'), at),
    });
    // The unit of work's result is the response: it is what an idempotent repeat gets back.
    return this.unitOfWork.run(async (tx) => {
      await tx.get(EscalationWriter).insert(escalation);
      await tx.journal.append(events, principal.sub);
      return toEscalationView(escalation);
    });
  }
}
