import { io, type Socket } from 'socket.io-client';
import type { Marking } from '@muster/contracts';

/** What the server pushes as `event` (docs/contract.md, "Live events"). */
export interface LiveEvent {
  seq: number;
  type: string;
  at: string;
  cell?: string;
  authority?: string;
  marking: Marking;
  data: unknown;
}

export interface SubscribeAck {
  subscribed: string[];
  refused: { topic: string; reason: string }[];
  replayed: number;
}

export interface LiveOptions {
  /** For `connectLive`, how long to wait for the connection; default 5000. */
  timeoutMs?: number;
  /** Reconnect after the api restarts (socket.io's own backoff, kept short); default true. */
  reconnection?: boolean;
}

export interface LiveClient {
  readonly socket: Socket;
  /** Every `event` received, in arrival order (duplicates included: dropping them is the client's job). */
  readonly events: LiveEvent[];
  /** Payloads of `resync` messages. */
  readonly resyncs: unknown[];
  subscribe(request: { topics: string[]; after?: number }, timeoutMs?: number): Promise<SubscribeAck>;
  /** Resolves with all events so far once at least `count` have arrived. */
  waitForEvents(count: number, timeoutMs?: number): Promise<LiveEvent[]>;
  /** Resolves with the first received event (past or future) that matches. */
  waitForEvent(match: (event: LiveEvent) => boolean, timeoutMs?: number): Promise<LiveEvent>;
  close(): void;
}

/** Why a connection was refused (the `connect_error` message, e.g. `unauthorized`). */
export class LiveConnectError extends Error {
  constructor(
    message: string,
    readonly data: unknown,
  ) {
    super(message);
    this.name = 'LiveConnectError';
  }
}

/** Connects to `/live` with `auth: { token }` over websocket; rejects with LiveConnectError when refused. */
export async function connectLive(apiUrl: string, token: string, opts: LiveOptions = {}): Promise<LiveClient> {
  const socket = openSocket(apiUrl, token, opts.reconnection ?? true);
  const client = wrap(socket);
  try {
    await connected(socket, opts.timeoutMs ?? 5_000);
  } catch (error) {
    socket.close();
    throw error;
  }
  return client;
}

/** Expects the connection to be refused: resolves with the `connect_error` message; rejects if it connects. */
export async function liveConnectError(apiUrl: string, token: string, timeoutMs = 5_000): Promise<string> {
  const socket = openSocket(apiUrl, token, false);
  try {
    await connected(socket, timeoutMs);
  } catch (error) {
    if (error instanceof LiveConnectError) return error.message;
    throw error;
  } finally {
    socket.close();
  }
  throw new Error('expected the /live connection to be refused, but it connected');
}

function openSocket(apiUrl: string, token: string, reconnection: boolean): Socket {
  return io(`${apiUrl.replace(/\/+$/, '')}/live`, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection,
    reconnectionDelay: 100,
    reconnectionDelayMax: 1_000,
    timeout: 5_000,
  });
}

function connected(socket: Socket, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no /live connection within ${timeoutMs} ms`)), timeoutMs);
    const onConnect = (): void => finish();
    const onError = (error: Error & { data?: unknown }): void => {
      // A refusal by the server's middleware is final; a transport error may still be retried by socket.io.
      if (!socket.active) finish(new LiveConnectError(error.message, error.data));
    };
    function finish(error?: Error): void {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
      if (error) reject(error);
      else resolve();
    }
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
  });
}

function wrap(socket: Socket): LiveClient {
  const events: LiveEvent[] = [];
  const resyncs: unknown[] = [];
  const waiters = new Set<() => void>();
  socket.on('event', (event: LiveEvent) => {
    events.push(event);
    for (const wake of [...waiters]) wake();
  });
  socket.on('resync', (payload: unknown) => resyncs.push(payload));

  function waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        const result = check();
        if (result === undefined) return;
        waiters.delete(wake);
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(
          new Error(
            `${what()} within ${timeoutMs} ms; types received: ${events.map((e) => e.type).join(', ') || 'none'}`,
          ),
        );
      }, timeoutMs);
      waiters.add(wake);
      wake();
    });
  }

  return {
    socket,
    events,
    resyncs,
    async subscribe(request, timeoutMs = 5_000) {
      const ack: unknown = await socket.timeout(timeoutMs).emitWithAck('subscribe', request);
      return ack as SubscribeAck;
    },
    waitForEvents: (count, timeoutMs = 10_000) =>
      waitUntil(
        () => (events.length >= count ? [...events] : undefined),
        timeoutMs,
        () => `expected ${count} live events, got ${events.length}`,
      ),
    waitForEvent: (match, timeoutMs = 10_000) =>
      waitUntil(
        () => events.find(match),
        timeoutMs,
        () => 'no live event matched',
      ),
    close: () => {
      socket.close();
    },
  };
}
