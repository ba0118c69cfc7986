import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { notFound, openDecisionRequest } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { ReferenceData } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { DecisionRequestView, toDecisionRequestView } from '../decision-request-view';
import { OpenDecisionRequest } from './open-decision-request.command';
import { DecisionRequestWriter } from '../../ports/writers/decision-request.writer';

@CommandHandler(OpenDecisionRequest)
export class OpenDecisionRequestHandler implements ICommandHandler<OpenDecisionRequest> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, input }: OpenDecisionRequest): Promise<DecisionRequestView> {
    if (!(await this.reference.cellExists(input.cell))) throw notFound(`cell ${input.cell}`);
    const { state: request, events } = openDecisionRequest(
      { ...input, by: principal, at: this.clock.now(), id: randomUUID() },
      { knownAuthorities: await this.reference.authorityCodes() },
    );
    return this.unitOfWork.run(async (tx) => {
      await tx.get(DecisionRequestWriter).insert(request);
      await tx.journal.append(events, principal.sub);
      return toDecisionRequestView(request);
    });
  }
}
