/** One signed-in browser as stored: its sealed content (who, the provider's tokens) and when it ends. */
export interface StoredConsoleSession {
  sub: string;
  /** Encrypted with a key only the browser's session id gives (see the api's session seal). */
  sealed: Uint8Array;
  /** The provider's access token expires then: past it, the session lives on only through a refresh. */
  accessExpiresAt: Date;
  /** SESSION_MAX_AGE after sign-in: the latest the session can last, refreshed or not. */
  endsAt: Date;
}

export interface NewConsoleSession extends StoredConsoleSession {
  /** SHA-256 of the session id: the id itself is never stored. */
  idHash: Uint8Array;
  /** SHA-256 of the provider's session id (`sid`), which a back-channel logout names. */
  sidHash?: Uint8Array;
}

/** What a renewal decided: new sealed content and expiry, end the session, or leave it as it is. */
export type SessionRenewal = { sealed: Uint8Array; accessExpiresAt: Date } | 'end' | 'keep';

/**
 * Console sessions in PostgreSQL, the truth every api process reads: a session ended on one process is
 * ended for all, and survives restarts and Redis wipes.
 */
export abstract class ConsoleSessionStore {
  abstract create(session: NewConsoleSession): Promise<void>;
  /** The session, unless it was ended or is past `endsAt`. */
  abstract find(idHash: Uint8Array, now: Date): Promise<StoredConsoleSession | undefined>;
  /**
   * Runs `renew` on the session's current row under a row lock, so one process at a time spends its
   * refresh token (a refresh token used twice makes the provider revoke the grant). Undefined when the
   * session has ended, by then or by `renew`.
   */
  abstract renew(
    idHash: Uint8Array,
    now: Date,
    renew: (current: StoredConsoleSession) => Promise<SessionRenewal>,
  ): Promise<StoredConsoleSession | undefined>;
  abstract end(idHash: Uint8Array): Promise<void>;
  /** Ends the sessions of one provider session (`sidHash`, and `sub` when given), or every one of `sub`'s. */
  abstract endProviderSessions(match: { sub?: string; sidHash?: Uint8Array }): Promise<number>;
  /** Deletes sessions past their `endsAt`. */
  abstract purgeEnded(now: Date): Promise<number>;
}
