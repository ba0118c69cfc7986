import type { Socket } from 'socket.io';
import { canSee, Principal, sensitiveGrants } from '@muster/domain';
import type { JournalRecord } from '@muster/contracts';

/** One connected socket: who it is, what it joined and when, its buffer while it replays, its expiry. */
export class LiveSession {
  /** Topic → the live frontier when it was joined: later events on it were delivered live. */
  readonly joined = new Map<string, number>();
  readonly grants: string[];
  buffer: JournalRecord[] | undefined;
  /** Disconnects the socket when its token expires. */
  expiry: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly socket: Socket,
    readonly principal: Principal,
  ) {
    this.grants = sensitiveGrants(principal);
  }

  get replaying(): boolean {
    return this.buffer !== undefined;
  }

  /** Whether a live event is for this socket: on a topic it joined, and visible to its user. */
  wants(record: JournalRecord): boolean {
    return record.topics.some((topic) => this.joined.has(topic)) && canSee(this.principal, record);
  }

  /** Subscriptions from one socket run one after another, so replays never interleave. */
  serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
