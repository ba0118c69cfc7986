import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forbidden, mayReadRota } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { PeopleReader } from '../../ports/people';
import { ReferenceData } from '../../ports/readers';
import { Recipients } from '../../ports/recipients';
import { assertScope, RotaView, toRotaView } from '../rota-view';
import { GetRota } from './get-rota.query';

@QueryHandler(GetRota)
export class GetRotaHandler implements IQueryHandler<GetRota> {
  constructor(
    private readonly clock: Clock,
    private readonly reference: ReferenceData,
    private readonly people: PeopleReader,
    private readonly recipients: Recipients,
  ) {}

  async execute({ principal, scope }: GetRota): Promise<RotaView> {
    if (!mayReadRota(principal, scope))
      throw forbidden('rotas are for the region-wide roles and the cell’s own people');
    await assertScope(this.reference, scope);
    const at = this.clock.now();
    return toRotaView(scope, await this.recipients.holderOf(scope, at), await this.people.shifts(scope, at));
  }
}
