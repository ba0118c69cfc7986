import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  BoardSource,
  DecisionLogReader,
  DecisionRequestReader,
  EscalationReader,
  JournalPosition,
  ReferenceData,
  SitrepReader,
  UnitOfWork,
} from '@muster/application';
import { Config, CONFIG } from '@muster/config';
import { BoardProjection } from './board/board.projection';
import { BoardReader } from './board/board.reader';
import { dataSourceOptions } from './data-source';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { JournalReader } from './journal/journal.reader';
import { RelayStore } from './journal/relay.store';
import { DecisionLogRepository } from './repositories/decision-log.repository';
import { DecisionRequestRepository } from './repositories/decision-request.repository';
import { EscalationRepository } from './repositories/escalation.repository';
import { SitrepRepository } from './repositories/sitrep.repository';
import { ReferenceRepository } from './repositories/reference.repository';
import { TypeOrmUnitOfWork } from './unit-of-work';

/** PostgreSQL behind the application's ports. Global so use cases in any module find their ports. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [CONFIG],
          useFactory: (config: Config) =>
            dataSourceOptions({ url: config.database.url, poolSize: config.database.poolSize, applicationName }),
        }),
      ],
      providers: [
        { provide: UnitOfWork, useClass: TypeOrmUnitOfWork },
        { provide: ReferenceData, useClass: ReferenceRepository },
        { provide: DecisionLogReader, useClass: DecisionLogRepository },
        { provide: EscalationReader, useClass: EscalationRepository },
        { provide: DecisionRequestReader, useClass: DecisionRequestRepository },
        { provide: SitrepReader, useClass: SitrepRepository },
        { provide: JournalPosition, useExisting: JournalReader },
        { provide: BoardSource, useClass: BoardReader },
        BoardProjection,
        IdempotencyStore,
        JournalReader,
        RelayStore,
      ],
      exports: [
        UnitOfWork,
        ReferenceData,
        DecisionLogReader,
        EscalationReader,
        DecisionRequestReader,
        SitrepReader,
        JournalPosition,
        BoardSource,
        BoardProjection,
        IdempotencyStore,
        JournalReader,
        RelayStore,
      ],
    };
  }
}
