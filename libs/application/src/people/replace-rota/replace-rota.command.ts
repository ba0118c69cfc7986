import { Command } from '@nestjs/cqrs';
import type { Principal, Shift } from '@muster/domain';
import type { RotaView } from '../rota-view';

/** Sets a scope's shifts from now on (contract: "Rotas", `PUT /rotas/:scope`). */
export class ReplaceRota extends Command<RotaView> {
  constructor(
    readonly principal: Principal,
    readonly scope: string,
    readonly shifts: Shift[],
  ) {
    super();
  }
}
