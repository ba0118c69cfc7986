import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { DomainError, Principal } from '@muster/domain';
import { TokenVerifier, VerifiedCaller } from '../auth/token-verifier';
import { SessionCaller, SocketSessions } from '../console/auth/socket-session';
import { problem } from '../http/problem';
import { ApiMetrics } from '../ops/metrics';
import { LiveHub } from './live-hub';
import { LiveSession } from './live-session';
import { LiveSubscriptions } from './live-subscriptions';
import { subscribeMessage } from './subscribe.schema';

/** setTimeout's ceiling; a token valid for longer is checked again when this fires. */
const MAX_TIMER_MS = 2_147_483_647;

/** A socket's caller: a bearer token's, or a console page's session (read again from PostgreSQL when it is due). */
type LiveCaller = VerifiedCaller | SessionCaller;

/** The `/live` namespace (contract: Live events). */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(LiveGateway.name);

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly hub: LiveHub,
    private readonly subscriptions: LiveSubscriptions,
    private readonly metrics: ApiMetrics,
    private readonly socketSessions: SocketSessions,
  ) {}

  afterInit(namespace: Namespace): void {
    // Guards do not run on the handshake: the same verifier as HTTP runs here instead.
    namespace.use((socket, next) => {
      const auth: unknown = socket.handshake.auth;
      const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
      // `auth: { token }` as the contract says; without one, a console page's session cookie (its Origin checked).
      const verified: Promise<LiveCaller> =
        typeof token === 'string' ? this.verifier.verify(token) : this.socketSessions.verify(socket.handshake.headers);
      verified
        .then((caller) => {
          (socket.data as { caller?: LiveCaller }).caller = caller;
          // The verified caller is kept; the token itself need not stay in memory for the socket's life.
          socket.handshake.auth = {};
          next();
        })
        .catch((error: unknown) => {
          // The message is the contract's code; `data` says what is wrong with the token, as HTTP's 401 does.
          const refusal =
            error instanceof DomainError ? error : new DomainError('unauthorized', 'the token is not valid');
          next(Object.assign(new Error(refusal.code), { data: { code: refusal.code, detail: refusal.message } }));
        });
    });
    this.hub.attach(namespace);
  }

  handleConnection(socket: Socket): void {
    const caller = (socket.data as { caller?: LiveCaller }).caller;
    if (caller === undefined) {
      socket.disconnect(true);
      return;
    }
    const session = new LiveSession(socket, caller.principal);
    this.expireAt(session, caller);
    this.hub.register(session);
    this.metrics.liveSockets.inc();
  }

  /** A token's socket ends when the token expires; a session's is checked again then, and goes on while it lasts. */
  private expireAt(session: LiveSession, caller: LiveCaller): void {
    const untilExpiry = Math.min(caller.expiresAt * 1000 - Date.now(), MAX_TIMER_MS);
    session.expiry = setTimeout(() => void this.expire(session, caller), Math.max(untilExpiry, 0));
  }

  private async expire(session: LiveSession, caller: LiveCaller): Promise<void> {
    const renewed = 'recheck' in caller ? await caller.recheck().catch(() => undefined) : undefined;
    if (!session.socket.connected) return;
    // The same person with the same rights goes on; anything else ends the socket (the page reloads as they are now).
    if (renewed !== undefined && samePrincipal(renewed.principal, session.principal)) {
      this.expireAt(session, renewed);
      return;
    }
    const detail = 'recheck' in caller ? 'the session has ended; sign in again' : 'the token has expired';
    session.socket.emit('session-expired', { code: 'unauthorized', detail });
    session.socket.disconnect(true);
  }

  handleDisconnect(socket: Socket): void {
    const session = this.hub.sessionOf(socket.id);
    if (session === undefined) return;
    clearTimeout(session.expiry);
    this.hub.forget(session);
    this.metrics.liveSockets.dec();
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<unknown> {
    const session = this.hub.sessionOf(socket.id);
    if (session === undefined) return { error: problem('unauthorized', 'the connection is not authenticated') };
    const parsed = subscribeMessage.safeParse(payload);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      return { error: problem('validation-failed', 'the subscribe message is not valid', errors) };
    }
    try {
      return await this.subscriptions.subscribe(session, parsed.data);
    } catch (error) {
      if (error instanceof DomainError) return { error: problem(error.code, error.message, error.errors) };
      this.logger.error(error);
      return { error: problem('service-unavailable', 'the subscription could not be completed; retry') };
    }
  }
}

function samePrincipal(a: Principal, b: Principal): boolean {
  const key = (p: Principal) =>
    JSON.stringify([p.sub, [...p.roles].sort(), p.authority ?? null, [...p.cells].sort(), p.clearance]);
  return key(a) === key(b);
}
