import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { forbidden, mayManageRotas, replaceRota } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { PeopleReader } from '../../ports/people';
import { ReferenceData } from '../../ports/readers';
import { Recipients } from '../../ports/recipients';
import { UnitOfWork } from '../../ports/transaction';
import { RotaWriter } from '../../ports/writers/rota.writer';
import { assertScope, RotaView, toRotaView } from '../rota-view';
import { ReplaceRota } from './replace-rota.command';

@CommandHandler(ReplaceRota)
export class ReplaceRotaHandler implements ICommandHandler<ReplaceRota> {
  constructor(
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly reference: ReferenceData,
    private readonly people: PeopleReader,
    private readonly recipients: Recipients,
  ) {}

  async execute({ principal, scope, shifts }: ReplaceRota): Promise<RotaView> {
    if (!mayManageRotas(principal)) throw forbidden('only regional coordinators and administrators set rotas');
    await assertScope(this.reference, scope);
    const at = this.clock.now();
    const known = await this.people.known([...new Set(shifts.map((s) => s.sub))]);
    await this.unitOfWork.run(async (tx) => {
      const rotas = tx.get(RotaWriter);
      const { state } = replaceRota({ by: principal, shifts, at, known }, await rotas.lock(scope));
      await rotas.replace(state);
    });
    return toRotaView(scope, await this.recipients.holderOf(scope, at), await this.people.shifts(scope, at));
  }
}
