import type { LiveSubscriber, StreamEntry } from '@muster/messaging';
import type { LiveJournal, LivePosition } from '@muster/application';

const STREAM_BLOCK_MS = 1_000;
/** A stream found ahead of PostgreSQL answers at once with the same entries: read it again only after this. */
const AHEAD_PAUSE_MS = 500;

/** Entries of this database's stream after the position asked for, or where PostgreSQL stands when there are none to take. */
export type StreamRead = { entries: StreamEntry[] } | { position: LivePosition };

export interface StreamReaderLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * Which Redis stream this api reads, and whether to believe it. It follows the epoch PostgreSQL names, and
 * takes entries from a stream only once one past this process's frontier is a position PostgreSQL has given
 * under that epoch: a stream Redis kept from before a restored backup holds positions PostgreSQL never
 * gave, and none of its entries reach a socket (the journal is read instead until the relay starts anew).
 */
export class LiveStreamReader {
  private epoch: string | undefined;
  private trusted = false;
  private warnedAhead: string | undefined;

  constructor(
    private readonly subscriber: Pick<LiveSubscriber, 'readAfter' | 'disconnect'>,
    private readonly journal: Pick<LiveJournal, 'livePosition'>,
    private readonly log: StreamReaderLog,
  ) {}

  /** Follows the stream PostgreSQL names in `position` (read at start). */
  start(position: LivePosition): void {
    this.epoch = position.epoch;
    this.trusted = false;
  }

  async readAfter(seq: number): Promise<StreamRead> {
    const epoch = this.epoch;
    if (epoch === undefined) {
      // No relay has run on this database yet: the journal alone, polled.
      await pause(STREAM_BLOCK_MS);
      return { position: await this.position() };
    }
    const entries = await this.subscriber.readAfter(epoch, seq, STREAM_BLOCK_MS);
    if (entries.length === 0) return { position: await this.position() };
    if (this.trusted) return { entries };
    const position = await this.position();
    if (position.epoch !== epoch) return { position };
    if ((entries.at(-1)?.seq ?? 0) <= position.sequenced) {
      this.trusted = true;
      return { entries };
    }
    if (this.warnedAhead !== epoch) {
      this.warnedAhead = epoch;
      this.log.warn(
        { epoch, sequenced: position.sequenced },
        'the live stream is ahead of the journal (a restored database?): delivering from the journal until the relay starts a new stream',
      );
    }
    await pause(AHEAD_PAUSE_MS);
    return { position };
  }

  /** The frontier went back (a restored database): entries of the stream must agree with PostgreSQL again. */
  distrust(): void {
    this.trusted = false;
  }

  disconnect(): void {
    this.subscriber.disconnect();
  }

  private async position(): Promise<LivePosition> {
    const position = await this.journal.livePosition();
    if (position.epoch !== this.epoch) {
      this.log.info({ previous: this.epoch, epoch: position.epoch }, 'following a new live stream');
      this.epoch = position.epoch;
      this.trusted = false;
    }
    return position;
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
