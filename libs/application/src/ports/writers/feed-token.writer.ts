import type { FeedToken } from '@muster/domain';
import type { FeedReaderClaims } from '../feed-tokens';

/** Private feed URLs inside a write transaction (`tx.get(FeedTokenWriter)`). */
export abstract class FeedTokenWriter {
  /**
   * Notes the owner's claims unless they are known already, and locks the owner until commit, so that two
   * creations at once count one after the other: how many private feed URLs the owner holds.
   */
  abstract lockOwner(owner: FeedReaderClaims, claimsAt: Date): Promise<number>;
  abstract insert(owner: string, token: FeedToken): Promise<void>;
}
