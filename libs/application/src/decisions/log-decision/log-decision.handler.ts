import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decisionLogged, linkEntry, prepareDecision } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { ReferenceData } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { requireCell } from '../cell-access';
import { LogDecision, LoggedDecision } from './log-decision.command';

@CommandHandler(LogDecision)
export class LogDecisionHandler implements ICommandHandler<LogDecision> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, cell, input }: LogDecision): Promise<LoggedDecision> {
    await requireCell(this.reference, principal, cell, 'decision.log');
    const knownAuthorities = await this.reference.authorityCodes();
    const prepared = prepareDecision(input, { principal, now: this.clock.now(), knownAuthorities });

    return this.unitOfWork.run(async (tx) => {
      const head = await tx.decisions.lockHead(cell);
      const entry = linkEntry(
        {
          id: randomUUID(),
          cell,
          marking: prepared.marking,
          authorities: prepared.authorities,
          // Taken after the head lock so recording times follow the chain's order.
          recordedAt: this.clock.now().toISOString(),
          recordedBy: { sub: principal.sub, name: principal.name },
          body: { kind: 'decision', record: prepared.record },
        },
        head,
      );
      await tx.decisions.append(entry);
      await tx.journal.append([decisionLogged(entry)], principal.sub);
      return {
        id: entry.id,
        sequence: entry.sequence,
        hash: entry.hash,
        prevHash: entry.prevHash,
        recordedAt: entry.recordedAt,
      };
    });
  }
}
