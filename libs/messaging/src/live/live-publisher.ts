import { Redis } from 'ioredis';
import { entryId, LIVE_FIELD, liveStreamKey, liveStreamKeyStem, LiveStreamPosition, seqOfEntryId } from './live-stream';

export interface PublishableEvent {
  seq: number;
}

/** The live stream's epoch, kept in PostgreSQL beside the positions it must agree with. */
export interface LiveEpochStore {
  livePosition(): Promise<LiveStreamPosition>;
  /** Gives the stream a new random epoch unless it is no longer `previous`; returns the epoch now current. */
  renewLiveEpoch(previous: string | undefined): Promise<string>;
}

export interface LivePublisherLog {
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * Appends events to this database's live stream in order; an event already there is skipped, not
 * duplicated. A stream holding positions PostgreSQL never gave (Redis kept it across a restored backup) is
 * left behind for a new one, so stale entries are never taken for published events.
 */
export class LivePublisher {
  private epoch: string | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly maxLength: number,
    private readonly epochs: LiveEpochStore,
    private readonly log: LivePublisherLog,
  ) {}

  /**
   * Chooses the stream to publish to. The relay calls it before anything new is sequenced (at each start and
   * after each failure): then a stream ahead of PostgreSQL can only be another history's.
   */
  async resume(): Promise<void> {
    await this.open();
  }

  async publish(events: readonly PublishableEvent[]): Promise<void> {
    if (events.length === 0) return;
    const epoch = this.epoch ?? (await this.open());
    // Refused ids are already in the stream: published before (a crash before the checkpoint), unless the
    // stream is ahead of PostgreSQL (the database was restored under a running relay).
    if ((await this.append(epoch, events)) && (await this.aheadOfDatabase(epoch))) {
      await this.append(await this.renew(epoch), events);
    }
  }

  private async open(): Promise<string> {
    const { epoch } = await this.epochs.livePosition();
    this.epoch = epoch !== undefined && !(await this.aheadOfDatabase(epoch)) ? epoch : await this.renew(epoch);
    return this.epoch;
  }

  /** Appends in one round trip; true when Redis refused any id as at or below the stream's last. */
  private async append(epoch: string, events: readonly PublishableEvent[]): Promise<boolean> {
    const key = liveStreamKey(this.prefix, epoch);
    const pipeline = this.redis.pipeline();
    for (const event of events) {
      pipeline.xadd(key, 'MAXLEN', '~', this.maxLength, entryId(event.seq), LIVE_FIELD, JSON.stringify(event));
    }
    let refused = false;
    for (const [error] of (await pipeline.exec()) ?? []) {
      if (error && !/equal or smaller/i.test(error.message)) throw error;
      refused ||= error !== null;
    }
    return refused;
  }

  /** Whether the stream holds a position PostgreSQL has not given: every entry of its own was sequenced first. */
  private async aheadOfDatabase(epoch: string): Promise<boolean> {
    const [last] = await this.redis.xrevrange(liveStreamKey(this.prefix, epoch), '+', '-', 'COUNT', 1);
    if (last === undefined) return false;
    const { sequenced } = await this.epochs.livePosition();
    return seqOfEntryId(last[0]) > sequenced;
  }

  /** Starts a new stream and drops every other one of this prefix (another history's, or from before epochs). */
  private async renew(previous: string | undefined): Promise<string> {
    const epoch = await this.epochs.renewLiveEpoch(previous);
    this.epoch = epoch;
    const current = liveStreamKey(this.prefix, epoch);
    const dropped: string[] = [];
    const pattern = `${liveStreamKeyStem(this.prefix).replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      const others = keys.filter((key) => key !== current);
      if (others.length > 0) await this.redis.unlink(...others);
      dropped.push(...others);
    } while (cursor !== '0');
    if (previous !== undefined || dropped.length > 0) {
      this.log.warn(
        { previous, epoch, dropped },
        'the live stream in Redis does not match this database (restored, replaced or older): publishing to a new one',
      );
    }
    return epoch;
  }
}
