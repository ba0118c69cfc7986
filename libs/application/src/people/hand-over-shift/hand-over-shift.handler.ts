import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { handOver } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { PeopleReader } from '../../ports/people';
import { ReferenceData } from '../../ports/readers';
import { Recipients } from '../../ports/recipients';
import { UnitOfWork } from '../../ports/transaction';
import { RotaWriter } from '../../ports/writers/rota.writer';
import { assertScope, RotaView, toRotaView } from '../rota-view';
import { HandOverShift } from './hand-over-shift.command';

@CommandHandler(HandOverShift)
export class HandOverShiftHandler implements ICommandHandler<HandOverShift> {
  constructor(
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly reference: ReferenceData,
    private readonly people: PeopleReader,
    private readonly recipients: Recipients,
  ) {}

  async execute({ principal, scope, to }: HandOverShift): Promise<RotaView> {
    await assertScope(this.reference, scope);
    const at = this.clock.now();
    const known = await this.people.known([to]);
    await this.unitOfWork.run(async (tx) => {
      const rotas = tx.get(RotaWriter);
      const { state } = handOver({ by: principal, to, at, known }, await rotas.lock(scope));
      await rotas.replace(state);
    });
    return toRotaView(scope, await this.recipients.holderOf(scope, at), await this.people.shifts(scope, at));
  }
}
