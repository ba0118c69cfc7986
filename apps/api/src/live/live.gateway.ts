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
import { DomainError } from '@muster/domain';
import { TokenVerifier } from '../auth/token-verifier';
import { problem } from '../http/problem';
import { ApiMetrics } from '../ops/metrics';
import { LiveHub } from './live-hub';
import { LiveSession } from './live-session';
import { LiveSubscriptions } from './live-subscriptions';
import { subscribeMessage } from './subscribe.schema';

/** setTimeout's ceiling; a token valid for longer is checked again when this fires. */
const MAX_TIMER_MS = 2_147_483_647;

/** The `/live` namespace (contract: Live events). */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(LiveGateway.name);

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly hub: LiveHub,
    private readonly subscriptions: LiveSubscriptions,
    private readonly metrics: ApiMetrics,
  ) {}

  afterInit(namespace: Namespace): void {
    // Guards do not run on the handshake: the same verifier as HTTP runs here instead.
    namespace.use((socket, next) => {
      const auth: unknown = socket.handshake.auth;
      const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
      this.verifier
        .verify(typeof token === 'string' ? token : undefined)
        .then((caller) => {
          socket.data.caller = caller;
          // The verified caller is kept; the token itself need not stay in memory for the socket's life.
          socket.handshake.auth = {};
          next();
        })
        .catch((error: unknown) => {
          // The message is the contract's code; `data` says what is wrong with the token, as HTTP's 401 does.
          const refusal = error instanceof DomainError ? error : new DomainError('unauthorized', 'the token is not valid');
          next(Object.assign(new Error(refusal.code), { data: { code: refusal.code, detail: refusal.message } }));
        });
    });
    this.hub.attach(namespace);
  }

  handleConnection(socket: Socket): void {
    const caller = (socket.data as { caller?: Awaited<ReturnType<TokenVerifier['verify']>> }).caller;
    if (caller === undefined) {
      socket.disconnect(true);
      return;
    }
    const untilExpiry = Math.min(caller.expiresAt * 1000 - Date.now(), MAX_TIMER_MS);
    const session = new LiveSession(socket, caller.principal);
    session.expiry = setTimeout(() => {
      socket.emit('session-expired', { code: 'unauthorized', detail: 'the token has expired' });
      socket.disconnect(true);
    }, Math.max(untilExpiry, 0));
    this.hub.register(session);
    this.metrics.liveSockets.inc();
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
