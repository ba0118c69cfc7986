import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canSee, ChainVerdict, ChainVerifier } from '@muster/domain';
import { DecisionLogReader, ReferenceData } from '../../ports/readers';
import { requireCell } from '../cell-access';
import { allEntries } from '../log-pages';
import { VerifyDecisionLog } from './verify-decision-log.query';

@QueryHandler(VerifyDecisionLog)
export class VerifyDecisionLogHandler implements IQueryHandler<VerifyDecisionLog> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly log: DecisionLogReader,
  ) {}

  /**
   * Recomputes every link from the stored rows; reveals the head hash and counts only what the caller may
   * see, never content nor how many entries are hidden from them.
   */
  async execute({ principal, cell }: VerifyDecisionLog): Promise<ChainVerdict> {
    await requireCell(this.reference, principal, cell, 'cell.view');
    // The head is read first: every entry up to it committed with it, so later appends do not race.
    const head = await this.log.head(cell);
    const verifier = new ChainVerifier((entry) => canSee(principal, entry));
    for await (const entry of allEntries(this.log, cell, Number.MAX_SAFE_INTEGER)) {
      if (head !== undefined && entry.sequence > head.sequence) break;
      verifier.accept(entry);
    }
    return verifier.verdict(head);
  }
}
