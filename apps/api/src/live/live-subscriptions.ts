import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import { AccessAudit, LiveJournal } from '@muster/application';
import { toLiveEvent, type JournalRecord } from '@muster/contracts';
import { canJoinTopic, canSee, DomainError, sensitivePush } from '@muster/domain';
import { LocalWindow } from '../limits/window';
import { ApiMetrics } from '../ops/metrics';
import { LiveHub } from './live-hub';
import { roomsToJoin } from './live-rooms';
import { LiveSession } from './live-session';
import { SubscribeAck, SubscribeMessage } from './subscribe.schema';

const PAGE = 1_000;
/** How long to wait for this process to catch up with a client that has seen further than it. */
const AHEAD_WAIT_MS = 5_000;

/**
 * `subscribe`: joins the allowed topics and, with `after`, replays from the journal exactly what the
 * socket missed, in order, then hands it back to live delivery with nothing lost or repeated.
 */
@Injectable()
export class LiveSubscriptions {
  /** Per connection, so in memory: a socket lives in one process. */
  private readonly replayWindows = new WeakMap<LiveSession, LocalWindow>();

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly hub: LiveHub,
    private readonly journal: LiveJournal,
    private readonly metrics: ApiMetrics,
    private readonly audit: AccessAudit,
  ) {}

  subscribe(session: LiveSession, message: SubscribeMessage): Promise<SubscribeAck> {
    return session.serially(() => this.subscribeNow(session, message));
  }

  private async subscribeNow(session: LiveSession, { topics, after }: SubscribeMessage): Promise<SubscribeAck> {
    const subscribed: string[] = [];
    const refused: SubscribeAck['refused'] = [];
    for (const topic of new Set(topics)) {
      const verdict = canJoinTopic(session.principal, topic);
      if (verdict.allowed) subscribed.push(topic);
      else refused.push({ topic, reason: verdict.reason });
    }
    this.withinBounds(session, subscribed, after !== undefined);
    const before = new Map(session.joined);
    // Joining, noting the frontier and (for a replay) starting the buffer happen in one synchronous
    // step: every later event is either broadcast to the socket or buffered for it, never neither.
    const frontier = this.hub.frontier;
    for (const topic of subscribed) {
      if (!session.joined.has(topic)) {
        session.joined.set(topic, frontier);
        void session.socket.join(roomsToJoin(topic, session.grants));
      }
    }
    if (after === undefined || subscribed.length === 0) return { subscribed, refused, replayed: 0 };

    this.hub.startReplay(session);
    let deliveredThrough = frontier;
    let replayed = 0;
    try {
      if (after > frontier && !(await this.hub.reached(after, AHEAD_WAIT_MS))) {
        session.socket.emit('resync', { seq: this.hub.frontier, reason: 'unknown-position' });
      } else if (frontier - after > this.config.live.replayLimit) {
        session.socket.emit('resync', { seq: frontier, reason: 'beyond-replay-window' });
      } else {
        replayed = await this.replay(session, subscribed, after, frontier, before);
      }
      deliveredThrough = Math.max(frontier, after);
    } finally {
      await this.hub.endReplay(session, deliveredThrough);
    }
    this.metrics.liveReplayed.inc(replayed);
    return { subscribed, refused, replayed };
  }

  /** One socket may not hold every topic, nor make the api re-read the journal without pause. */
  private withinBounds(session: LiveSession, topics: readonly string[], replays: boolean): void {
    const max = this.config.live.topicsPerSocket;
    const joining = topics.filter((topic) => !session.joined.has(topic)).length;
    if (session.joined.size + joining > max) {
      throw new DomainError(
        'too-many-requests',
        `a connection may join at most ${max} topics; it has ${session.joined.size}`,
      );
    }
    const rate = this.config.live.replaysPerSocket;
    if (!replays || rate === undefined) return;
    let window = this.replayWindows.get(session);
    if (window === undefined) {
      window = new LocalWindow(rate);
      this.replayWindows.set(session, window);
    }
    const verdict = window.hit();
    if (!verdict.allowed) {
      throw new DomainError(
        'too-many-requests',
        `too many replays on this connection; retry after ${verdict.retryAfterSeconds} s`,
      );
    }
  }

  private async replay(
    session: LiveSession,
    topics: string[],
    after: number,
    through: number,
    before: ReadonlyMap<string, number>,
  ): Promise<number> {
    let cursor = after;
    let sent = 0;
    while (cursor < through && session.socket.connected) {
      const page = await this.journal.range(cursor, through, PAGE, topics);
      if (page.length === 0) break;
      cursor = page.at(-1)?.seq ?? cursor;
      const shown = page.filter((record) => canSee(session.principal, record) && !deliveredLive(record, before));
      // Recorded before they are sent: a replay whose audit cannot be written fails instead.
      await this.audit.record(
        session.principal,
        shown.flatMap((record) => sensitivePush(record) ?? []),
      );
      for (const record of shown) session.socket.emit('event', toLiveEvent(record));
      sent += shown.length;
    }
    return sent;
  }
}

/** Sent already if it is on a topic the socket had joined before it happened. */
function deliveredLive(record: JournalRecord, joinedBefore: ReadonlyMap<string, number>): boolean {
  return record.topics.some((topic) => {
    const joinedAt = joinedBefore.get(topic);
    return joinedAt !== undefined && record.seq > joinedAt;
  });
}
