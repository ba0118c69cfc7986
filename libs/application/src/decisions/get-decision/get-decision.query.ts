import { Query } from '@nestjs/cqrs';
import { DecisionRecord, Principal } from '@muster/domain';
import { EntryView } from '../decision-view';

export type DecisionDetail = EntryView & {
  amendments: EntryView[];
  /** The record as it reads after its amendments (for a decision entry). */
  current?: DecisionRecord;
};

export class GetDecision extends Query<DecisionDetail> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
    readonly id: string,
  ) {
    super();
  }
}
