import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { EVENT_TYPES, type EventType } from '@muster/contracts';
import { LEVELS } from '@muster/domain';
import { CHANNELS, OperationsReadings, UNRESOLVED_STATES } from '@muster/application';
import { registerHeapAfterGc } from '@muster/config';

/** A scrape reads PostgreSQL for at most this long; past it the gauge keeps its last figures. */
const READ_TIMEOUT_MS = 2_000;

/** What the relay publishes, as far as counting needs: its position, its type, and a feed's kind. */
export interface PublishedEvent {
  seq: number;
  type: EventType;
  data: Record<string, unknown>;
}

/** The worker's Prometheus registry, served on WORKER_METRICS_PORT (0 turns the endpoint off). */
@Injectable()
export class WorkerMetrics {
  readonly registry = new Registry();
  /** The highest journal position counted: a batch published again (a retried pass, a regained lock) counts once. */
  private countedThrough = 0;

  readonly timerLateness = new Histogram({
    name: 'muster_timer_lateness_seconds',
    help: 'How long after its deadline a timer job ran',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'muster_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly relayBacklog = new Gauge({
    name: 'muster_relay_unpublished_events',
    help: 'Journal events sequenced but not yet published by the relay',
    registers: [this.registry],
  });

  readonly eventsPublished = new Counter({
    name: 'muster_events_published_total',
    help: 'Journal events the relay published, by type, each position counted once by this process',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly decisionsLogged = new Counter({
    name: 'muster_decisions_logged_total',
    help: 'Decisions logged (decision.logged events published)',
    registers: [this.registry],
  });

  readonly sitrepsSubmitted = new Counter({
    name: 'muster_sitreps_submitted_total',
    help: 'Situation reports submitted (sitrep.submitted events published)',
    registers: [this.registry],
  });

  readonly feedsPublished = new Counter({
    name: 'muster_feeds_published_total',
    help: 'Daily feeds and weekly briefings published (feed.published events published), by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly notifications = new Counter({
    name: 'muster_notifications_total',
    help: 'Notification attempts by channel and outcome (sent, failed, cancelled, retry), counted by the worker that made them',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(readings: OperationsReadings) {
    collectDefaultMetrics({ register: this.registry, prefix: 'muster_worker_' });
    registerHeapAfterGc(this.registry, 'muster_worker_');
    // Every series from the start, so a rate over the first events is not lost to a missing zero.
    for (const type of EVENT_TYPES) this.eventsPublished.inc({ type }, 0);
    for (const kind of ['daily', 'weekly']) this.feedsPublished.inc({ kind }, 0);
    for (const channel of CHANNELS) {
      for (const outcome of ['sent', 'failed']) this.notifications.inc({ channel, outcome }, 0);
    }

    new Gauge({
      name: 'muster_escalations_unresolved',
      help: 'Unresolved escalations by level and state (open, acknowledged, overdue), read from PostgreSQL when scraped',
      labelNames: ['level', 'state'] as const,
      registers: [this.registry],
      async collect() {
        const tallies = await bounded(readings.unresolvedEscalations());
        if (tallies === undefined) return;
        for (const level of LEVELS) for (const state of UNRESOLVED_STATES) this.set({ level, state }, 0);
        for (const { level, state, count } of tallies) this.set({ level, state }, count);
      },
    });

    new Gauge({
      name: 'muster_relay_lag_seconds',
      help: 'How long the oldest committed journal event not yet published has waited (0 when the relay has caught up)',
      registers: [this.registry],
      async collect() {
        const lag = await bounded(readings.relayLagSeconds());
        if (lag !== undefined) this.set(lag);
      },
    });
  }

  /** Called by the relay once a batch is published (live, after the board and the timers). */
  recordPublished(events: readonly PublishedEvent[]): void {
    for (const event of events) {
      if (event.seq <= this.countedThrough) continue;
      this.countedThrough = event.seq;
      this.eventsPublished.inc({ type: event.type });
      if (event.type === 'decision.logged') this.decisionsLogged.inc();
      else if (event.type === 'sitrep.submitted') this.sitrepsSubmitted.inc();
      else if (event.type === 'feed.published')
        this.feedsPublished.inc({ kind: event.data['kind'] === 'weekly' ? 'weekly' : 'daily' });
    }
  }
}

/** A scrape must answer even while PostgreSQL does not: undefined after an error or the bound. */
async function bounded<T>(read: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      read,
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), READ_TIMEOUT_MS))),
    ]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
