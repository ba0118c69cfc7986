import { Redis } from 'ioredis';
import { entryId, LIVE_FIELD, liveStreamKey, seqOfEntryId } from './live-stream';

export interface StreamBatch {
  /** Parsed events in stream order. */
  events: unknown[];
}

/** Reads the live stream after a position, blocking up to `blockMs` for new entries. */
export class LiveSubscriber {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = liveStreamKey(prefix);
  }

  async readAfter(seq: number, blockMs: number, count = 1000): Promise<Array<{ seq: number; event: unknown }>> {
    const reply = await this.redis.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', this.key, entryId(seq));
    if (reply === null) return [];
    const [, entries] = reply[0] ?? [this.key, []];
    return entries.map(([id, fields]) => {
      const index = fields.indexOf(LIVE_FIELD);
      const text = index >= 0 ? fields[index + 1] : undefined;
      return { seq: seqOfEntryId(id), event: text === undefined ? undefined : (JSON.parse(text) as unknown) };
    });
  }

  disconnect(): void {
    this.redis.disconnect();
  }
}
