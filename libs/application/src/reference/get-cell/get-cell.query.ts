import { Query } from '@nestjs/cqrs';
import { Cell, Principal } from '@muster/domain';

export class GetCell extends Query<Cell> {
  constructor(
    readonly principal: Principal,
    readonly slug: string,
  ) {
    super();
  }
}
