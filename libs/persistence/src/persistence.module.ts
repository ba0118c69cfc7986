import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AccessAudit,
  AccessAuditReader,
  AuthorityReports,
  BoardSource,
  ConsoleSessionStore,
  DailyFeedStore,
  DecisionLogReader,
  DecisionRequestReader,
  EscalationReader,
  FeedSource,
  FeedTokenStore,
  OperationsReadings,
  ReferenceData,
  RetentionStore,
  SitrepReader,
  UnitOfWork,
} from '@muster/application';
import { Config, CONFIG } from '@muster/config';
import { BoardProjection } from './board/board.projection';
import { BoardReader } from './board/board.reader';
import { ConsoleSessionRepository } from './console/console-session.repository';
import { FeedTokenRepository } from './feed-tokens/feed-token.repository';
import { AuthorityReportsRepository } from './repositories/authority-reports.repository';
import { dataSourceOptions } from './data-source';
import { AccessAuditLogReader, AccessAuditRepository } from './data-protection/access-audit.repository';
import { RetentionRepository } from './data-protection/retention.repository';
import { DailyFeedRepository } from './feeds/daily-feed.repository';
import { PostgresFeedSource } from './feeds/feed-source';
import { loadRegionFile } from './seed/region-file';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { JournalReader } from './journal/journal.reader';
import { RelayStore } from './journal/relay.store';
import { DecisionLogRepository } from './repositories/decision-log.repository';
import { DecisionRequestRepository } from './repositories/decision-request.repository';
import { EscalationRepository } from './repositories/escalation.repository';
import { SitrepRepository } from './repositories/sitrep.repository';
import { ReferenceRepository } from './repositories/reference.repository';
import { PostgresOperationsReadings } from './operations/operations-readings';
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
        { provide: BoardSource, useClass: BoardReader },
        { provide: ConsoleSessionStore, useClass: ConsoleSessionRepository },
        { provide: FeedTokenStore, useClass: FeedTokenRepository },
        { provide: AuthorityReports, useClass: AuthorityReportsRepository },
        { provide: DailyFeedStore, useClass: DailyFeedRepository },
        { provide: AccessAudit, useClass: AccessAuditRepository },
        { provide: AccessAuditReader, useClass: AccessAuditLogReader },
        { provide: RetentionStore, useClass: RetentionRepository },
        { provide: OperationsReadings, useClass: PostgresOperationsReadings },
        {
          provide: FeedSource,
          inject: [DataSource, CONFIG],
          // The region's name and code live in its reference data file (REGION_DATA), as seeded.
          useFactory: (dataSource: DataSource, config: Config) =>
            new PostgresFeedSource(dataSource, async () => {
              const { region } = await loadRegionFile(config.region.dataFile);
              return { code: region.code, name: region.name };
            }),
        },
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
        BoardSource,
        ConsoleSessionStore,
        FeedTokenStore,
        AuthorityReports,
        DailyFeedStore,
        FeedSource,
        AccessAudit,
        AccessAuditReader,
        RetentionStore,
        OperationsReadings,
        BoardProjection,
        IdempotencyStore,
        JournalReader,
        RelayStore,
      ],
    };
  }
}
