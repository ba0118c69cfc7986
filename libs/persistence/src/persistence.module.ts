import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AccessAudit,
  AccessAuditReader,
  ActionReader,
  AuthorityReports,
  BoardProjector,
  BoardSource,
  CellHandovers,
  CellOpenItems,
  ConsoleSessionStore,
  DailyFeedStore,
  DecisionLogReader,
  DecisionRequestReader,
  EscalationReader,
  FeedSource,
  FeedTokenStore,
  IdempotencyRecords,
  LiveJournal,
  NotificationOutbox,
  OperationsReadings,
  PeopleReader,
  Recipients,
  ReferenceData,
  RelayJournal,
  RelayLocks,
  RetentionStore,
  SitrepReader,
  StoreFailures,
  UnitOfWork,
} from '@muster/application';
import { Config, CONFIG, loadRegionFile } from '@muster/config';
import { ActionRepository } from './actions/action.repository';
import { BoardProjection } from './board/board.projection';
import { BoardReader } from './board/board.reader';
import { ConsoleSessionRepository } from './console/console-session.repository';
import { FeedTokenRepository } from './feed-tokens/feed-token.repository';
import { PeopleRepository } from './people/people.repository';
import { PostgresRecipients } from './people/recipients.adapter';
import { AuthorityReportsRepository } from './repositories/authority-reports.repository';
import { dataSourceOptions } from './data-source';
import { DriverFailures } from './database-errors';
import { AccessAuditLogReader, AccessAuditRepository } from './data-protection/access-audit.repository';
import { RetentionRepository } from './data-protection/retention.repository';
import { DailyFeedRepository } from './feeds/daily-feed.repository';
import { PostgresFeedSource } from './feeds/feed-source';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { JournalReader } from './journal/journal.reader';
import { PostgresRelayLocks } from './journal/relay-leadership';
import { RelayStore } from './journal/relay.store';
import { DecisionLogRepository } from './repositories/decision-log.repository';
import { DecisionRequestRepository } from './repositories/decision-request.repository';
import { EscalationRepository } from './repositories/escalation.repository';
import { JournalCellHandovers, PostgresCellOpenItems } from './repositories/cell-handovers.repository';
import { SitrepRepository } from './repositories/sitrep.repository';
import { ReferenceRepository } from './repositories/reference.repository';
import { PostgresNotificationOutbox } from './notifications/notification.outbox';
import { PostgresOperationsReadings } from './operations/operations-readings';
import { TypeOrmUnitOfWork } from './unit-of-work';

/** Each application port and its PostgreSQL implementation. */
const BINDINGS = [
  [UnitOfWork, TypeOrmUnitOfWork],
  [ReferenceData, ReferenceRepository],
  [DecisionLogReader, DecisionLogRepository],
  [EscalationReader, EscalationRepository],
  [DecisionRequestReader, DecisionRequestRepository],
  [ActionReader, ActionRepository],
  [SitrepReader, SitrepRepository],
  [CellOpenItems, PostgresCellOpenItems],
  [CellHandovers, JournalCellHandovers],
  [BoardSource, BoardReader],
  [ConsoleSessionStore, ConsoleSessionRepository],
  [FeedTokenStore, FeedTokenRepository],
  [PeopleReader, PeopleRepository],
  [AuthorityReports, AuthorityReportsRepository],
  [DailyFeedStore, DailyFeedRepository],
  [AccessAudit, AccessAuditRepository],
  [AccessAuditReader, AccessAuditLogReader],
  [RetentionStore, RetentionRepository],
  [OperationsReadings, PostgresOperationsReadings],
  [BoardProjector, BoardProjection],
  [IdempotencyRecords, IdempotencyStore],
  [LiveJournal, JournalReader],
  [RelayJournal, RelayStore],
  [RelayLocks, PostgresRelayLocks],
  [StoreFailures, DriverFailures],
  [NotificationOutbox, PostgresNotificationOutbox],
] as const;

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
        ...BINDINGS.map(([port, implementation]) => ({ provide: port, useClass: implementation })),
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
        {
          provide: Recipients,
          inject: [DataSource, CONFIG],
          // Each scope's fallback contact point is in the region's reference data file (REGION_DATA).
          useFactory: (dataSource: DataSource, config: Config) =>
            new PostgresRecipients(dataSource, async () => (await loadRegionFile(config.region.dataFile)).contacts),
        },
      ],
      exports: [...BINDINGS.map(([port]) => port), FeedSource, Recipients],
    };
  }
}
