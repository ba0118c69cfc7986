import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canViewEscalation } from '@muster/domain';
import { EscalationReader } from '../../ports/readers';
import { EscalationView, toEscalationView } from '../escalation-view';
import { ListEscalations } from './list-escalations.query';

@QueryHandler(ListEscalations)
export class ListEscalationsHandler implements IQueryHandler<ListEscalations> {
  constructor(private readonly reader: EscalationReader) {}

  async execute({ principal, filter }: ListEscalations): Promise<{ items: EscalationView[] }> {
    const escalations = await this.reader.list(filter);
    return { items: escalations.filter((e) => canViewEscalation(principal, e)).map(toEscalationView) };
  }
}
