import { randomBytes, randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertMayCreateFeedToken, MAX_FEED_TOKENS } from '@muster/domain';
import { Clock } from '../../../ports/clock';
import { FeedTokenStore } from '../../../ports/feed-tokens';
import { UnitOfWork } from '../../../ports/transaction';
import { feedKeyHash } from '../feed-key';
import { claimsOf, wholeSecond } from '../feed-readers';
import { CreatedFeedToken, CreateFeedToken } from './create-feed-token.command';

@CommandHandler(CreateFeedToken)
export class CreateFeedTokenHandler implements ICommandHandler<CreateFeedToken> {
  constructor(
    private readonly store: FeedTokenStore,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute({ principal, label, claimsAsOf }: CreateFeedToken): Promise<CreatedFeedToken> {
    assertMayCreateFeedToken(principal, 0);
    const key = randomBytes(32).toString('base64url');
    const token = { id: randomUUID(), keyHash: feedKeyHash(key), label, createdAt: this.clock.now() };
    // Counted where the row is written, so two requests at once cannot pass the limit.
    const outcome = await this.store.create(claimsOf(principal), wholeSecond(claimsAsOf ?? token.createdAt), token, MAX_FEED_TOKENS, this.unitOfWork.requestScope().claim);
    if (outcome === 'at-limit') assertMayCreateFeedToken(principal, MAX_FEED_TOKENS);
    return { id: token.id, label, createdAt: token.createdAt, lastUsedAt: null, key };
  }
}
