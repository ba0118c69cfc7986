import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canViewEscalation, notFound } from '@muster/domain';
import { EscalationReader } from '../../ports/readers';
import { EscalationView, toEscalationView } from '../escalation-view';
import { GetEscalation } from './get-escalation.query';

@QueryHandler(GetEscalation)
export class GetEscalationHandler implements IQueryHandler<GetEscalation> {
  constructor(private readonly reader: EscalationReader) {}

  async execute({ principal, id }: GetEscalation): Promise<EscalationView> {
    const escalation = await this.reader.byId(id);
    if (escalation === undefined || !canViewEscalation(principal, escalation)) throw notFound(`escalation ${id}`);
    return toEscalationView(escalation);
  }
}
