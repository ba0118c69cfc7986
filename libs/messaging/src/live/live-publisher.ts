import { Redis } from 'ioredis';
import { entryId, LIVE_FIELD, liveStreamKey } from './live-stream';

export interface PublishableEvent {
  seq: number;
}

/** Appends events to the live stream in order; an event already there is skipped, not duplicated. */
export class LivePublisher {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly maxLength: number,
  ) {
    this.key = liveStreamKey(prefix);
  }

  async publish(events: readonly PublishableEvent[]): Promise<void> {
    if (events.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const event of events) {
      pipeline.xadd(this.key, 'MAXLEN', '~', this.maxLength, entryId(event.seq), LIVE_FIELD, JSON.stringify(event));
    }
    const results = (await pipeline.exec()) ?? [];
    for (const [error] of results) {
      // Redis refuses an id at or below the stream's last one: that event is already published.
      if (error && !/equal or smaller/i.test(error.message)) throw error;
    }
  }
}
