import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { Redis } from 'ioredis';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import { BoardProjector, RelayJournal, type RelayLeadership, RelayLocks } from '@muster/application';
import type { JournalRecord } from '@muster/contracts';
import { createRedis, JournalRelay, LivePublisher, timersFromEvents } from '@muster/messaging';
import { NotificationPlanning } from '../delivery/notification-planning';
import { WorkerMetrics } from '../ops/worker-metrics';
import { TimerQueues } from '../timers/timer-queues';

const STANDBY_RETRY_MS = 2_000;

/**
 * Runs the journal relay while this process holds the relay lock; stands by otherwise, so several
 * workers can run and exactly one relays.
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly relay: JournalRelay<JournalRecord>;
  private readonly leadership: RelayLeadership;
  private standbyTimer: NodeJS.Timeout | undefined;
  private shuttingDown = false;
  private leading = false;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    store: RelayJournal,
    locks: RelayLocks,
    queues: TimerQueues,
    board: BoardProjector,
    notifications: NotificationPlanning,
    metrics: WorkerMetrics,
    @InjectPinoLogger(RelayService.name) private readonly logger: PinoLogger,
  ) {
    this.redis = createRedis(config.redis.url, 'muster-relay');
    this.redis.on('error', (error) => this.logger.debug({ err: error }, 'relay redis connection error'));
    const publisher = new LivePublisher(
      this.redis,
      config.redis.prefix,
      config.live.streamMaxLength,
      store,
      this.logger,
    );
    // One pass projects each event onto the board, puts on BullMQ the timers it asks for, plans and queues
    // the notifications it causes, then publishes it live (last, so a client told of a change finds it on the
    // board). Each step is idempotent, so a batch repeated after a failure changes nothing twice.
    const sink = {
      resume: () => publisher.resume(),
      publish: async (events: readonly JournalRecord[]) => {
        await board.apply(events);
        await queues.scheduler.schedule(timersFromEvents(events));
        await notifications.plan(events);
        await publisher.publish(events);
        metrics.recordPublished(events);
      },
    };
    this.relay = new JournalRelay<JournalRecord>(
      store,
      sink,
      { batchSize: 500, pollIntervalMs: config.relay.pollIntervalMs, retryDelayMs: 500 },
      { error: (message, error) => this.logger.warn({ err: error }, message) },
    );
    this.leadership = locks.leadership({
      onNotify: () => this.relay.wake(),
      onLost: (error) => void this.loseLeadership(error),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.campaign();
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    if (this.standbyTimer) clearTimeout(this.standbyTimer);
    await this.relay.stop();
    await this.leadership.release();
    this.redis.disconnect();
  }

  get isLeader(): boolean {
    return this.leading;
  }

  private async campaign(): Promise<void> {
    if (this.shuttingDown) return;
    try {
      if (await this.leadership.tryAcquire()) {
        this.leading = true;
        this.logger.info('journal relay active');
        this.relay.start();
        return;
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not reach PostgreSQL for the relay lock');
    }
    this.standbyTimer = setTimeout(() => void this.campaign(), STANDBY_RETRY_MS);
  }

  private async loseLeadership(error: unknown): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    this.logger.warn({ err: error }, 'journal relay lost its lock; standing by');
    await this.relay.stop();
    await this.leadership.release();
    this.standbyTimer = setTimeout(() => void this.campaign(), STANDBY_RETRY_MS);
  }
}
