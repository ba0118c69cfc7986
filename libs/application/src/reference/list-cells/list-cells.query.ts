import { Query } from '@nestjs/cqrs';
import { Cell, Principal } from '@muster/domain';

export class ListCells extends Query<Cell[]> {
  constructor(readonly principal: Principal) {
    super();
  }
}
