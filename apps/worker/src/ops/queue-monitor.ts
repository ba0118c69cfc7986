import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RelayJournal } from '@muster/application';
import { TimerQueues } from '../timers/timer-queues';
import { WorkerMetrics } from './worker-metrics';

const SAMPLE_MS = 5_000;
const STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/** Samples queue depths and the relay's backlog into the worker's metrics. */
@Injectable()
export class QueueMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queues: TimerQueues,
    private readonly relay: RelayJournal,
    private readonly metrics: WorkerMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sample().catch(() => undefined), SAMPLE_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sample(): Promise<void> {
    for (const queue of [
      this.queues.escalationTimers,
      this.queues.decisionDeadlines,
      this.queues.actionDue,
      this.queues.escalationUpdates,
      this.queues.feeds,
      this.queues.retention,
      this.queues.notifications,
    ]) {
      const counts = await queue.getJobCounts(...STATES);
      for (const state of STATES) this.metrics.queueDepth.set({ queue: queue.name, state }, counts[state] ?? 0);
    }
    const { sequenced, published } = await this.relay.state();
    this.metrics.relayBacklog.set(sequenced - published);
  }
}
