import { Query } from '@nestjs/cqrs';
import type { Principal } from '@muster/domain';
import type { FeedTokenSummary } from '../../../ports/feed-tokens';

/** The caller's own private feed URLs, newest first (never their keys). */
export class ListFeedTokens extends Query<FeedTokenSummary[]> {
  constructor(readonly principal: Principal) {
    super();
  }
}
