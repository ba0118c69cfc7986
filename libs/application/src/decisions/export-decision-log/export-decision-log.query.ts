import { Query } from '@nestjs/cqrs';
import { Principal } from '@muster/domain';
import { EntryView } from '../decision-view';

export class ExportDecisionLog extends Query<AsyncIterable<EntryView>> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
  ) {
    super();
  }
}
