import { can } from '../access/policy';
import { Principal } from '../access/principal';
import { decided, Decided } from '../shared/decided';
import { DomainError, forbidden, ruleViolated } from '../shared/domain-error';

/** Enough for a phone, a desktop reader and a shared mailbox; more is a key forgotten somewhere. */
export const MAX_FEED_TOKENS = 10;

/** A private feed URL as kept: never its key, only the key's SHA-256. */
export interface FeedToken {
  id: string;
  keyHash: Uint8Array;
  label: string;
  createdAt: Date;
}

export interface CreateFeedTokenCommand {
  by: Principal;
  at: Date;
  id: string;
  keyHash: Uint8Array;
  label: string;
}

/**
 * Private feed URLs are for those who read the feeds (mayor's office, regional, admin, cell leads), up to
 * MAX_FEED_TOKENS each: the state is how many the owner holds. No event: a feed URL is its owner's own.
 */
export function createFeedToken({ by, at, ...token }: CreateFeedTokenCommand, held: number): Decided<FeedToken> {
  if (!can(by, 'feed.read')) {
    throw forbidden(
      'private feed URLs are for the mayor’s office, regional coordinators, administrators and cell leads',
    );
  }
  if (held >= MAX_FEED_TOKENS) {
    throw ruleViolated(
      'feedTokens',
      `you have ${MAX_FEED_TOKENS} private feed URLs already: revoke one you no longer use first`,
    );
  }
  return decided({ ...token, createdAt: at });
}

/**
 * Who a private feed URL reads as: its owner as last seen (their last sign-in or token). An owner who may
 * no longer read the feeds makes the key worthless: the same answer as a key that does not exist.
 */
export function feedKeyReader(owner: Principal | undefined): Principal {
  if (owner === undefined || !can(owner, 'feed.read')) {
    throw new DomainError(
      'unauthorized',
      'this feed key is not valid: it was revoked, or its owner may no longer read the feeds',
    );
  }
  return owner;
}
