import { Query } from '@nestjs/cqrs';
import { Principal } from '@muster/domain';
import { HandoverRecord } from '../../ports/cell-handovers';

export interface HandoverList {
  items: HandoverRecord[];
}

/** A cell's handovers, for whoever may see the cell. */
export class ListHandovers extends Query<HandoverList> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
  ) {
    super();
  }
}
