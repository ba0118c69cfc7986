import { Query } from '@nestjs/cqrs';
import { OpenItem, Principal } from '@muster/domain';

/** What a handover of the cell must cover now: for the stand-down form. */
export class ListOpenItems extends Query<OpenItem[]> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
  ) {
    super();
  }
}
