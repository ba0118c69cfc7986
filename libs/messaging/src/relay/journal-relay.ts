export interface RelaySource<TEvent extends { seq: number }> {
  /** Gives committed rows their global positions; returns them in position order. */
  sequenceNext(limit: number): Promise<TEvent[]>;
  /** Sequenced events not yet published, in position order. */
  unpublished(limit: number): Promise<TEvent[]>;
  markPublished(through: number): Promise<void>;
}

export interface RelaySink<TEvent> {
  /**
   * Called before anything is published or sequenced after a start or a failure: a sink the outage may have
   * left out of step with PostgreSQL (a Redis kept across a restored database) puts itself right here.
   */
  resume?(): Promise<void>;
  publish(events: readonly TEvent[]): Promise<void>;
}

export interface RelayLogger {
  error(message: string, error: unknown): void;
}

export interface RelayOptions {
  batchSize: number;
  pollIntervalMs: number;
  /** Pause before retrying after a failure (Redis or PostgreSQL away). */
  retryDelayMs: number;
}

/**
 * Tails the journal: sequences committed events, publishes them, then moves the checkpoint. A crash
 * between publishing and checkpointing publishes again (at least once; readers drop repeats by
 * `seq`); nothing is checkpointed before it was published, so nothing is lost.
 */
export class JournalRelay<TEvent extends { seq: number }> {
  private timer: NodeJS.Timeout | undefined;
  private pending = false;
  private draining: Promise<void> | undefined;
  private stopped = true;
  /** Whether everything sequenced so far is known to be published; not after a start or a failure. */
  private caughtUp = false;
  /** Whether the sink has resumed since the last start or failure. */
  private resumed = false;

  constructor(
    private readonly source: RelaySource<TEvent>,
    private readonly sink: RelaySink<TEvent>,
    private readonly options: RelayOptions,
    private readonly logger: RelayLogger,
  ) {}

  start(): void {
    this.stopped = false;
    this.caughtUp = false;
    this.resumed = false;
    // Polling backs up NOTIFY, which is only a wake-up and is lost while no connection listens.
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.draining;
  }

  /** Asks for a drain; calls while one runs coalesce into one more pass. */
  wake(): void {
    if (this.stopped) return;
    this.pending = true;
    this.draining ??= this.drainWhilePending().finally(() => {
      this.draining = undefined;
    });
  }

  private async drainWhilePending(): Promise<void> {
    while (this.pending && !this.stopped) {
      this.pending = false;
      try {
        await this.drainOnce();
      } catch (error) {
        this.caughtUp = false;
        this.resumed = false;
        this.logger.error('journal relay pass failed; retrying', error);
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs));
        this.pending = true;
      }
    }
  }

  private async drainOnce(): Promise<void> {
    if (!this.resumed) {
      await this.sink.resume?.();
      this.resumed = true;
    }
    for (;;) {
      if (this.stopped) return;
      // What an earlier pass sequenced but did not get to publish comes first.
      const owed = this.caughtUp ? [] : await this.source.unpublished(this.options.batchSize);
      if (owed.length === 0) this.caughtUp = true;
      const events = owed.length > 0 ? owed : await this.source.sequenceNext(this.options.batchSize);
      const last = events.at(-1);
      if (last === undefined) return;
      await this.sink.publish(events);
      await this.source.markPublished(last.seq);
    }
  }
}
