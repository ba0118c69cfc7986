import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FeedTokenStore, FeedTokenSummary } from '../../../ports/feed-tokens';
import { ListFeedTokens } from './list-feed-tokens.query';

@QueryHandler(ListFeedTokens)
export class ListFeedTokensHandler implements IQueryHandler<ListFeedTokens> {
  constructor(private readonly store: FeedTokenStore) {}

  /** Anyone may list (and revoke) their own: someone who lost the role can still clear up. */
  execute({ principal }: ListFeedTokens): Promise<FeedTokenSummary[]> {
    return this.store.list(principal.sub);
  }
}
