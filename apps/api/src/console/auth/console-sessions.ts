import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ResponseBodyError } from 'openid-client';
import { CommandBus } from '@nestjs/cqrs';
import {
  ConsoleSessionStore,
  NoteReaderClaims,
  RecordSignIn,
  SessionRenewal,
  StoredConsoleSession,
} from '@muster/application';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import { principal, Principal } from '@muster/domain';
import type { LogoutSubject } from './logout-token';
import { OidcClient, ProviderTokens, ProviderUnavailable } from './oidc-client';
import { personFromClaims } from './person-claims';
import {
  isSessionId,
  newSessionId,
  providerSidHash,
  seal,
  sessionIdHash,
  SessionContent,
  unseal,
} from './session-seal';

/** A session whose access token expires sooner than this is refreshed before the request goes on. */
const REFRESH_MARGIN_MS = 30_000;

/** A browser's session, resumed: who is signed in, and the secret their forms are checked against. */
export interface SignedIn {
  sessionId: string;
  principal: Principal;
  person: SessionContent['person'];
  csrfSecret: string;
  /** The session holds until then without asking the provider (the access token's expiry). */
  validUntil: Date;
}

/** Sign-in refused for something about the person: told to them, never a 500. */
export class SignInRefused extends Error {
  override readonly name = 'SignInRefused';
}

/**
 * Console sessions: created at the sign-in callback, read from PostgreSQL on every request (so one
 * ended anywhere is ended everywhere), refreshed through the provider when their access token runs
 * out, and ended by sign-out, a back-channel logout, a refused refresh or SESSION_MAX_AGE.
 */
@Injectable()
export class ConsoleSessions {
  constructor(
    private readonly store: ConsoleSessionStore,
    private readonly oidc: OidcClient,
    @Inject(CONFIG) private readonly config: Config,
    private readonly commands: CommandBus,
  ) {}

  /** A new session for the provider's answer; its id goes in the cookie. */
  async create(tokens: ProviderTokens): Promise<string> {
    const reading = personFromClaims(tokens.claims ?? {}, this.claimMapping());
    if ('refused' in reading) {
      if (reading.withoutRole !== undefined) await this.noteClaims(reading.withoutRole);
      throw new SignInRefused(reading.refused);
    }
    if (tokens.idToken === undefined) throw new SignInRefused('the sign-in service sent no ID token');
    await this.signedIn(principal(reading.person));
    const id = newSessionId();
    const now = Date.now();
    const endsAt = new Date(now + this.config.console.sessionMaxAgeMs);
    const content: SessionContent = {
      person: reading.person,
      idToken: tokens.idToken,
      ...(tokens.refreshToken === undefined ? {} : { refreshToken: tokens.refreshToken }),
      csrfSecret: randomBytes(32).toString('base64url'),
    };
    const sid = tokens.claims?.['sid'];
    // Sign-in is rare next to reads: a good moment to forget sessions past their end.
    await this.store.purgeEnded(new Date(now));
    await this.store.create({
      idHash: sessionIdHash(id),
      sub: reading.person.sub,
      ...(typeof sid === 'string' ? { sidHash: providerSidHash(sid) } : {}),
      sealed: seal(id, content),
      accessExpiresAt: earlier(tokens.accessExpiresAt, endsAt),
      endsAt,
    });
    return id;
  }

  /** The signed-in person of a cookie's session id, or undefined when there is no live session. */
  async resume(id: string | undefined): Promise<SignedIn | undefined> {
    if (!isSessionId(id)) return undefined;
    const idHash = sessionIdHash(id);
    const now = new Date();
    let stored = await this.store.find(idHash, now);
    if (stored !== undefined && stored.accessExpiresAt.getTime() - now.getTime() <= REFRESH_MARGIN_MS) {
      stored = await this.store.renew(idHash, now, (current) => this.renewal(id, current));
    }
    if (stored === undefined || stored.accessExpiresAt <= now) return undefined;
    const content = unseal(id, stored.sealed);
    if (content === undefined) return undefined;
    return {
      sessionId: id,
      principal: principal(content.person),
      person: content.person,
      csrfSecret: content.csrfSecret,
      validUntil: stored.accessExpiresAt,
    };
  }

  /** Ends the session here only (an older session in a browser that signs in again). */
  async end(id: string | undefined): Promise<void> {
    if (isSessionId(id)) await this.store.end(sessionIdHash(id));
  }

  /** Ends the session; where to send the browser to end the provider's too (undefined if it has no such page). */
  async signOut(id: string | undefined): Promise<URL | undefined> {
    if (!isSessionId(id)) return undefined;
    const idHash = sessionIdHash(id);
    const stored = await this.store.find(idHash, new Date());
    await this.store.end(idHash);
    const content = stored === undefined ? undefined : unseal(id, stored.sealed);
    if (content === undefined) return undefined;
    try {
      return await this.oidc.endSessionUrl(content.idToken);
    } catch (error) {
      if (error instanceof ProviderUnavailable) return undefined;
      throw error;
    }
  }

  /** A back-channel logout: every session of that provider session (or person) ends, on every api. */
  endProviderSessions(subject: LogoutSubject): Promise<number> {
    return this.store.endProviderSessions({
      ...(subject.sub === undefined ? {} : { sub: subject.sub }),
      ...(subject.sid === undefined ? {} : { sidHash: providerSidHash(subject.sid) }),
    });
  }

  /** Runs under the row lock: another process may have refreshed already, in which case there is nothing to do. */
  private async renewal(id: string, current: StoredConsoleSession): Promise<SessionRenewal> {
    const now = Date.now();
    if (current.accessExpiresAt.getTime() - now > REFRESH_MARGIN_MS) return 'keep';
    const content = unseal(id, current.sealed);
    if (content === undefined) return 'end';
    if (content.refreshToken === undefined) return current.accessExpiresAt.getTime() > now ? 'keep' : 'end';
    let tokens: ProviderTokens;
    try {
      tokens = await this.oidc.refresh(content.refreshToken);
    } catch (error) {
      // The provider's session is over (signed out there, or expired): so is this one.
      if (error instanceof ResponseBodyError && error.error === 'invalid_grant') return 'end';
      // Not reachable: the session stands while its token does; past that the request fails (503), the row stays.
      if (error instanceof ProviderUnavailable && current.accessExpiresAt.getTime() > now) return 'keep';
      throw error;
    }
    const reading =
      tokens.claims === undefined ? { person: content.person } : personFromClaims(tokens.claims, this.claimMapping());
    if ('refused' in reading) {
      if (reading.withoutRole?.sub === content.person.sub) await this.noteClaims(reading.withoutRole);
      return 'end';
    }
    if (reading.person.sub !== content.person.sub) return 'end';
    await this.signedIn(principal(reading.person));
    const next: SessionContent = {
      ...content,
      person: reading.person,
      idToken: tokens.idToken ?? content.idToken,
      ...(tokens.refreshToken === undefined ? {} : { refreshToken: tokens.refreshToken }),
    };
    return { sealed: seal(id, next), accessExpiresAt: earlier(tokens.accessExpiresAt, current.endsAt) };
  }

  /** A sign-in or refresh says who the person is now: the people directory and their feed URLs take it. */
  private async signedIn(person: Principal): Promise<void> {
    await this.commands.execute(new RecordSignIn(person, new Date()));
    await this.noteClaims(person);
  }

  /** A sign-in or refresh says who the person is now: their private feed URLs read as that. */
  private noteClaims(person: Principal): Promise<void> {
    return this.commands.execute(new NoteReaderClaims(person, new Date()));
  }

  private claimMapping() {
    const oidc = this.config.console.oidc;
    if (oidc === undefined) throw new ProviderUnavailable('sign-in is not configured (OIDC_ISSUER)');
    return oidc.claims;
  }
}

function earlier(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
