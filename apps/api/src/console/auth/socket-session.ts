import { Inject, Injectable } from '@nestjs/common';
import { fastifyCookie } from '@fastify/cookie';
import type { IncomingHttpHeaders } from 'node:http';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import { DomainError, Principal } from '@muster/domain';
import { ConsoleSessions } from './console-sessions';
import { cookieNames, CookieNames } from './session-cookie';

/** A socket's caller from its session: checked again at least this often, so a session ended elsewhere ends here too. */
export const SOCKET_SESSION_RECHECK_MS = 60_000;

export interface SessionCaller {
  principal: Principal;
  /** Seconds since the epoch: when to check the session again (its access token's expiry, or sooner). */
  expiresAt: number;
  /** The session read again from PostgreSQL; undefined once it has ended. */
  recheck(): Promise<SessionCaller | undefined>;
}

/**
 * The /live handshake of a console page: its session cookie, accepted only from this console's own
 * origin. A page on another site can open a websocket that carries the browser's cookies (no CORS, and
 * SameSite does not stop a same-site attacker), so the Origin header is what tells it apart.
 */
@Injectable()
export class SocketSessions {
  private readonly cookies: CookieNames;
  private readonly origin: string;

  constructor(
    private readonly sessions: ConsoleSessions,
    @Inject(CONFIG) config: Config,
  ) {
    this.cookies = cookieNames(config.env !== 'development');
    this.origin = new URL(config.http.publicUrl).origin;
  }

  async verify(headers: IncomingHttpHeaders): Promise<SessionCaller> {
    const id =
      typeof headers.cookie === 'string' ? fastifyCookie.parse(headers.cookie)[this.cookies.session] : undefined;
    if (id === undefined) throw new DomainError('unauthorized', 'a bearer token is required');
    if (headers.origin !== this.origin)
      throw new DomainError('unauthorized', 'a session is accepted only from the console’s own pages');
    const caller = await this.caller(id);
    if (caller === undefined) throw new DomainError('unauthorized', 'the session has ended; sign in again');
    return caller;
  }

  private async caller(id: string): Promise<SessionCaller | undefined> {
    const signedIn = await this.sessions.resume(id);
    if (signedIn === undefined) return undefined;
    const recheckAt = Math.min(signedIn.validUntil.getTime(), Date.now() + SOCKET_SESSION_RECHECK_MS);
    return { principal: signedIn.principal, expiresAt: recheckAt / 1000, recheck: () => this.caller(id) };
  }
}
