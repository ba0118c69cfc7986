import { Redis } from 'ioredis';
import { entryId, LIVE_FIELD, liveStreamKey, seqOfEntryId } from './live-stream';

export interface StreamEntry {
  seq: number;
  /** The parsed entry; undefined when it has no event field. */
  event: unknown;
}

/** Reads a live stream (named by its epoch) after a position, blocking up to `blockMs` for new entries. */
export class LiveSubscriber {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async readAfter(epoch: string, seq: number, blockMs: number, count = 1000): Promise<StreamEntry[]> {
    const key = liveStreamKey(this.prefix, epoch);
    const reply = await this.redis.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', key, entryId(seq));
    if (reply === null) return [];
    const [, entries] = reply[0] ?? [key, []];
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
