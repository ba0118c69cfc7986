import { Query } from '@nestjs/cqrs';
import { DecisionRecord, Principal } from '@muster/domain';
import { AmendmentEntryView, DecisionEntryView } from '../decision-view';

/** Beside an amended decision as it was recorded: which entries amended it, and how it reads after them. */
export interface AmendedReading {
  /** The sequences of its amendments the reader may see, oldest first. */
  amendedBy: number[];
  current: DecisionRecord;
}

/** A listed entry: a decision carries its current reading once it has been amended. */
export type ListedEntryView = (DecisionEntryView & Partial<AmendedReading>) | AmendmentEntryView;

export interface DecisionPage {
  items: ListedEntryView[];
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
