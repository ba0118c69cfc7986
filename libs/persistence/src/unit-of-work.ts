import { Injectable, Optional } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { Transaction, UnitOfWork } from '@muster/application';
import { DecisionRequestEntity, EscalationEntity } from './entities';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { TransactionalJournalWriter } from './journal/journal.writer';
import { TransactionalAggregateWriter } from './repositories/aggregate.writer';
import { TransactionalCellWriter } from './repositories/cell.writer';
import { TransactionalSitrepWriter } from './repositories/sitrep.repository';
import { TransactionalDecisionLogWriter } from './repositories/decision-log.repository';
import { TransactionalDailyFeedWriter } from './feeds/daily-feed.repository';
import { decisionRequestRow, escalationRow, toDecisionRequest, toEscalation } from './repositories/escalation.mapping';
import { CLS_CORRELATION_ID, CLS_IDEMPOTENCY, IdempotencyClaim, IdempotencyKeyTaken } from './request-context';

@Injectable()
export class TypeOrmUnitOfWork extends UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly cls?: ClsService,
  ) {
    super();
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const active = this.cls?.isActive() === true;
    const claim = active ? this.cls?.get<IdempotencyClaim | undefined>(CLS_IDEMPOTENCY) : undefined;
    const correlationId = active ? this.cls?.get<string | undefined>(CLS_CORRELATION_ID) : undefined;
    const result = await this.dataSource.transaction(async (manager) => {
      const outcome = await work({
        decisions: new TransactionalDecisionLogWriter(manager),
        sitreps: new TransactionalSitrepWriter(manager),
        cells: new TransactionalCellWriter(manager),
        escalations: new TransactionalAggregateWriter(manager, EscalationEntity, escalationRow, toEscalation, 'escalation'),
        decisionRequests: new TransactionalAggregateWriter(
          manager,
          DecisionRequestEntity,
          decisionRequestRow,
          toDecisionRequest,
          'decision request',
        ),
        feeds: new TransactionalDailyFeedWriter(manager),
        journal: new TransactionalJournalWriter(manager, correlationId),
      });
      // The response is stored with the changes it describes: both commit, or neither.
      if (claim !== undefined && !(await IdempotencyStore.record(manager, claim, outcome))) {
        throw new IdempotencyKeyTaken(claim);
      }
      return outcome;
    });
    if (claim !== undefined) this.cls?.set(CLS_IDEMPOTENCY, undefined);
    return result;
  }
}
