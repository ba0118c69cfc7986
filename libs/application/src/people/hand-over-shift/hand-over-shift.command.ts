import { Command } from '@nestjs/cqrs';
import type { Principal } from '@muster/domain';
import type { RotaView } from '../rota-view';

/** The holder of a scope hands the rest of their shift to `to` (contract: `POST /rotas/:scope/handover`). */
export class HandOverShift extends Command<RotaView> {
  constructor(
    readonly principal: Principal,
    readonly scope: string,
    readonly to: string,
  ) {
    super();
  }
}
