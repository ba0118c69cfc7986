import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { notFound } from '@muster/domain';
import { FeedTokenStore } from '../../../ports/feed-tokens';
import { RevokeFeedToken } from './revoke-feed-token.command';

@CommandHandler(RevokeFeedToken)
export class RevokeFeedTokenHandler implements ICommandHandler<RevokeFeedToken> {
  constructor(private readonly store: FeedTokenStore) {}

  /** Another person's token is not found: it tells nobody that it exists. */
  async execute({ principal, id }: RevokeFeedToken): Promise<void> {
    if (!(await this.store.revoke(principal.sub, id))) throw notFound(`private feed URL ${id}`);
  }
}
