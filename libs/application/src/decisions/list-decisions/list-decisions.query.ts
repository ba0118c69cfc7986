import { Query } from '@nestjs/cqrs';
import { Principal } from '@muster/domain';
import { EntryView } from '../decision-view';

export interface DecisionPage {
  items: EntryView[];
  /** Pass as `after` for the next page; null when the log has nothing further. */
  nextAfter: number | null;
}

export class ListDecisions extends Query<DecisionPage> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
    readonly after: number,
    readonly limit: number,
  ) {
    super();
  }
}
