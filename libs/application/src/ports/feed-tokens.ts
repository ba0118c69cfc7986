import type { Marking, Role } from '@muster/contracts';

/** A feed reader's claims as last seen (sign-in or token): what a private feed URL reads as. */
export interface FeedReaderClaims {
  sub: string;
  name: string;
  roles: Role[];
  authority?: string;
  cells: string[];
  clearance: Marking;
}

/** One private feed URL as its owner sees it listed: never the key (only its hash is kept). */
export interface FeedTokenSummary {
  id: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/**
 * Private feed URLs and their owners' claims in PostgreSQL, as read and revoked (made in a unit of work, through
 * FeedTokenWriter). Claims carry the time they were true as of (a token's issue time, a sign-in): an older
 * token used later never overwrites newer claims.
 */
export abstract class FeedTokenStore {
  abstract list(sub: string): Promise<FeedTokenSummary[]>;
  /** Deletes the owner's token; false when they hold none by that id. */
  abstract revoke(sub: string, id: string): Promise<boolean>;
  /** The owner of a key as last seen, marking the key used; undefined for a key nobody holds. */
  abstract ownerOf(keyHash: Uint8Array, now: Date): Promise<{ owner: FeedReaderClaims; claimsAt: Date } | undefined>;
  /** Updates a feed reader's claims if they hold any token and these are at least as recent. */
  abstract noteClaims(owner: FeedReaderClaims, claimsAt: Date): Promise<void>;
}
