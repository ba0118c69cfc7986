import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { Namespace } from 'socket.io';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import { AccessAudit, LiveJournal, type LivePosition } from '@muster/application';
import { isJournalRecord, toLiveEvent, type JournalRecord } from '@muster/contracts';
import { AccessAuditEntry, Principal, sensitivePush } from '@muster/domain';
import { createRedis, LiveSubscriber } from '@muster/messaging';
import { ApiMetrics } from '../ops/metrics';
import { REPLAYING_ROOM, roomsFor } from './live-rooms';
import { LiveSession } from './live-session';
import { LiveStreamReader } from './live-stream-reader';

const RETRY_MS = 500;
const PAGE = 1_000;

/**
 * This process's view of the live stream. It dispatches events strictly in `seq` order with no gap:
 * a gap in the Redis stream (Redis restarted, flushed, or an entry trimmed) is filled from the
 * journal, and while Redis is away, or its stream is not this database's, the journal alone keeps
 * delivery going.
 */
@Injectable()
export class LiveHub implements OnApplicationBootstrap, OnApplicationShutdown {
  private namespace: Namespace | undefined;
  private frontierSeq = 0;
  private readonly replaying = new Set<LiveSession>();
  /** Connected sockets by id: who each broadcast reaches, for the access audit. */
  private readonly sessions = new Map<string, LiveSession>();
  private readonly stream: LiveStreamReader;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly frontierWaiters = new Set<() => void>();
  private streamDown = false;

  constructor(
    @Inject(CONFIG) config: Config,
    private readonly journal: LiveJournal,
    private readonly metrics: ApiMetrics,
    private readonly audit: AccessAudit,
    @InjectPinoLogger(LiveHub.name) private readonly logger: PinoLogger,
  ) {
    // Fails fast while Redis is away, so the loop falls back to reading the journal instead of waiting.
    const redis = createRedis(config.redis.url, 'muster-live');
    redis.on('error', (error) => this.logger.debug({ err: error }, 'live stream connection error'));
    this.stream = new LiveStreamReader(new LiveSubscriber(redis, config.redis.prefix), journal, logger);
  }

  get frontier(): number {
    return this.frontierSeq;
  }

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    const position = await this.untilAvailable(() => this.journal.livePosition());
    this.frontierSeq = position.sequenced;
    this.stream.start(position);
    this.metrics.liveFrontier.set(this.frontierSeq);
    this.loop = this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.stream.disconnect();
    await this.loop;
  }

  register(session: LiveSession): void {
    this.sessions.set(session.socket.id, session);
  }

  sessionOf(socketId: string): LiveSession | undefined {
    return this.sessions.get(socketId);
  }

  startReplay(session: LiveSession): void {
    session.buffer = [];
    void session.socket.join(REPLAYING_ROOM);
    this.replaying.add(session);
  }

  /**
   * Sends what arrived during the replay and returns the socket to live broadcasts, in one step once the
   * sensitive events among them are in the access audit. If the audit cannot be written, the socket is
   * told to resync rather than shown them unrecorded.
   */
  async endReplay(session: LiveSession, deliveredThrough: number): Promise<void> {
    let audited = 0;
    try {
      // Events keep arriving while an audit write is in flight: done when a pass finds nothing new.
      while ((session.buffer?.length ?? 0) > audited) {
        const buffer = session.buffer ?? [];
        const entries = buffer
          .slice(audited)
          .flatMap((record) => (record.seq > deliveredThrough ? (sensitivePush(record) ?? []) : []));
        audited = buffer.length;
        if (entries.length > 0) await this.audit.record(session.principal, entries);
      }
      for (const record of session.buffer ?? []) {
        if (record.seq > deliveredThrough) session.socket.emit('event', toLiveEvent(record));
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'access audit unavailable: the socket is told to resync');
      session.socket.emit('resync', { seq: deliveredThrough, reason: 'audit-unavailable' });
    } finally {
      session.buffer = undefined;
      this.replaying.delete(session);
      void session.socket.leave(REPLAYING_ROOM);
    }
  }

  forget(session: LiveSession): void {
    this.replaying.delete(session);
    this.sessions.delete(session.socket.id);
  }

  /** Resolves true once this process has dispatched `seq`, false after `timeoutMs`. */
  async reached(seq: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.frontierSeq < seq) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.frontierWaiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.frontierWaiters.add(wake);
      });
    }
    return true;
  }

  /** Read afresh after an await: stop() may have run meanwhile, which a narrowed `this.running` would hide. */
  private stopped(): boolean {
    return !this.running;
  }

  private async follow(): Promise<void> {
    while (this.running) {
      try {
        const read = await this.stream.readAfter(this.frontierSeq);
        if (this.streamDown) {
          this.streamDown = false;
          this.logger.info('live stream available again');
        }
        if ('position' in read) {
          // Nothing to take from the stream: make sure nothing was published while this process could not see it.
          await this.settle(read.position);
          continue;
        }
        for (const { seq, event } of read.entries) {
          if (seq <= this.frontierSeq) continue;
          if (seq > this.frontierSeq + 1 || !isJournalRecord(event) || event.seq !== seq) {
            await this.catchUp(seq);
          } else {
            await this.dispatch(event);
          }
        }
      } catch (error) {
        if (this.stopped()) return;
        if (!this.streamDown) {
          this.streamDown = true;
          this.logger.warn(
            { err: error },
            'live stream (or the access audit) unavailable; delivering from the journal',
          );
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        await this.journal
          .livePosition()
          .then((position) => this.settle(position))
          .catch((e: unknown) => this.logger.warn({ err: e }, 'journal unavailable for live delivery'));
      }
    }
  }

  /** Delivers from the journal up to where PostgreSQL stands, starting again from there if that is behind. */
  private async settle(position: LivePosition): Promise<void> {
    if (position.sequenced < this.frontierSeq) this.rewind(position.sequenced);
    await this.catchUp(position.sequenced);
  }

  /**
   * Positions are given again from an earlier point (a restored database): what clients hold now names other
   * events, so every socket is told to resync, and delivery goes on from there.
   */
  private rewind(to: number): void {
    this.logger.warn(
      { from: this.frontierSeq, to },
      'the journal is behind what this process delivered (a restored database): sockets are told to resync',
    );
    this.frontierSeq = to;
    this.metrics.liveFrontier.set(to);
    this.stream.distrust();
    for (const session of this.sessions.values()) {
      for (const [topic, joinedAt] of session.joined) session.joined.set(topic, Math.min(joinedAt, to));
    }
    this.namespace?.emit('resync', { seq: to, reason: 'history-changed' });
  }

  /** Dispatches every event after the frontier up to `through`, read from the journal. */
  private async catchUp(through: number): Promise<void> {
    while (this.running && this.frontierSeq < through) {
      const records = await this.journal.range(this.frontierSeq, through, PAGE);
      if (records[0]?.seq !== this.frontierSeq + 1) {
        // Positions are dense; a hole means the journal was tampered with. Never skip silently.
        this.logger.error({ expected: this.frontierSeq + 1, found: records[0]?.seq }, 'journal positions have a gap');
        return;
      }
      for (const record of records) await this.dispatch(record);
    }
  }

  private async dispatch(record: JournalRecord): Promise<void> {
    if (record.seq !== this.frontierSeq + 1) return;
    const pushed = sensitivePush(record);
    if (pushed !== undefined) await this.auditRecipients(record, pushed);
    // Nothing awaits between the audit's last look at the rooms and the broadcast: nobody joins unrecorded.
    this.frontierSeq = record.seq;
    this.metrics.liveFrontier.set(record.seq);
    this.metrics.liveEvents.inc();
    if (this.namespace !== undefined) {
      this.namespace.to(roomsFor(record)).except(REPLAYING_ROOM).emit('event', toLiveEvent(record));
    }
    for (const session of this.replaying) {
      if (session.wants(record)) session.buffer?.push(record);
    }
    for (const wake of [...this.frontierWaiters]) wake();
  }

  /** Records every reader a sensitive broadcast will reach, until a look at its rooms finds none unrecorded. */
  private async auditRecipients(record: JournalRecord, entry: AccessAuditEntry): Promise<void> {
    const audited = new Set<string>();
    for (;;) {
      const readers = new Map<string, Principal>();
      for (const session of this.recipients(record)) {
        if (!audited.has(session.principal.sub)) readers.set(session.principal.sub, session.principal);
      }
      if (readers.size === 0) return;
      await this.audit.recordEach([...readers.values()].map((principal) => ({ principal, entries: [entry] })));
      for (const sub of readers.keys()) audited.add(sub);
    }
  }

  /** The sessions a broadcast of `record` reaches now (sockets replaying get it later, from their buffer). */
  private recipients(record: JournalRecord): LiveSession[] {
    const rooms = this.namespace?.adapter.rooms;
    if (rooms === undefined) return [];
    const replaying = rooms.get(REPLAYING_ROOM);
    const ids = new Set<string>();
    for (const room of roomsFor(record)) {
      for (const id of rooms.get(room) ?? []) if (replaying?.has(id) !== true) ids.add(id);
    }
    return [...ids].flatMap((id) => this.sessions.get(id) ?? []);
  }

  private async untilAvailable<T>(probe: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await probe();
      } catch (error) {
        if (!this.running) throw error;
        this.logger.warn({ err: error }, 'journal unavailable; retrying');
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }
}
