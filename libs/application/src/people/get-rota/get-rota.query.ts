import { Query } from '@nestjs/cqrs';
import type { Principal } from '@muster/domain';
import type { RotaView } from '../rota-view';

/** Who holds a scope now, and its shifts from now on. */
export class GetRota extends Query<RotaView> {
  constructor(
    readonly principal: Principal,
    readonly scope: string,
  ) {
    super();
  }
}
