import { Injectable } from '@nestjs/common';
import { principal, Principal } from '@muster/domain';
import { FeedReaderClaims, FeedTokenStore } from '../../ports/feed-tokens';

/** How many people's last noted claims a process remembers, so a token reused for hours is noted once. */
const REMEMBERED = 10_000;

export function claimsOf(reader: Principal): FeedReaderClaims {
  return {
    sub: reader.sub,
    name: reader.name,
    roles: [...reader.roles].sort(),
    ...(reader.authority === undefined ? {} : { authority: reader.authority }),
    cells: [...reader.cells].sort(),
    clearance: reader.clearance,
  };
}

/** Token issue times are whole seconds: claims noted at any other moment are put on the same scale. */
export function wholeSecond(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}

export function principalOfClaims(claims: FeedReaderClaims): Principal {
  return principal(claims);
}

/**
 * Keeps each feed reader's claims as of their last sign-in or token, so a private feed URL reads as its
 * owner is now: a token or sign-in without the role (or with less clearance) narrows the URL at once.
 */
@Injectable()
export class FeedReaders {
  /** sub → the issue time and claims last written from this process. */
  private readonly noted = new Map<string, string>();

  constructor(private readonly store: FeedTokenStore) {}

  async note(reader: Principal, asOf: Date): Promise<void> {
    const claims = claimsOf(reader);
    const at = wholeSecond(asOf);
    const seen = `${at.getTime()} ${JSON.stringify(claims)}`;
    if (this.noted.get(reader.sub) === seen) return;
    await this.store.noteClaims(claims, at);
    this.noted.delete(reader.sub);
    if (this.noted.size >= REMEMBERED) this.noted.delete(this.noted.keys().next().value ?? '');
    this.noted.set(reader.sub, seen);
  }
}
