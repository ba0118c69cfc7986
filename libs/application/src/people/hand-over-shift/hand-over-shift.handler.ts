import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorOf, type DomainEvent, handOver, handOverEscalation, type HeldBy, ruleViolated } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { PeopleReader } from '../../ports/people';
import { ReferenceData } from '../../ports/readers';
import { Recipients } from '../../ports/recipients';
import { UnitOfWork } from '../../ports/transaction';
import { EscalationWriter } from '../../ports/writers/escalation.writer';
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

  /**
   * The rota and every unresolved escalation the outgoing holder holds in the scope change in one
   * transaction: later steps (and their notifications) go to who took over, and live clients hear it.
   */
  async execute({ principal, scope, to }: HandOverShift): Promise<RotaView> {
    await assertScope(this.reference, scope);
    const at = this.clock.now();
    const taker = await this.people.get(to);
    const known = new Set(taker === undefined ? [] : [to]);
    await this.unitOfWork.run(async (tx) => {
      const rotas = tx.get(RotaWriter);
      const handed = handOver({ by: principal, to, at, known }, await rotas.lock(scope));
      await rotas.replace(handed.state);
      if (taker === undefined) throw ruleViolated('to', `${to} is not in the people directory`);
      const heldBy: HeldBy = { key: taker.sub, name: taker.name };
      const escalations = tx.get(EscalationWriter);
      const events: DomainEvent[] = [];
      for (const held of await escalations.lockHeldBy(scope, handed.from)) {
        const passed = handOverEscalation({ by: actorOf(principal), at, from: handed.from, to: heldBy }, held);
        if (passed.events.length === 0) continue;
        await escalations.update(passed.state, held.version);
        events.push(...passed.events);
      }
      if (events.length > 0) await tx.journal.append(events, principal.sub);
    });
    return toRotaView(scope, await this.recipients.holderOf(scope, at), await this.people.shifts(scope, at));
  }
}
