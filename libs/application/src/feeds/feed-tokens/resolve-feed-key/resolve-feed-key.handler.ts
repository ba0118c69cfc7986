import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { feedKeyReader, Principal } from '@muster/domain';
import { Clock } from '../../../ports/clock';
import { FeedTokenStore } from '../../../ports/feed-tokens';
import { FEED_KEY, feedKeyHash } from '../feed-key';
import { principalOfClaims } from '../feed-readers';
import { ResolveFeedKey } from './resolve-feed-key.query';

@QueryHandler(ResolveFeedKey)
export class ResolveFeedKeyHandler implements IQueryHandler<ResolveFeedKey> {
  constructor(
    private readonly store: FeedTokenStore,
    private readonly clock: Clock,
  ) {}

  async execute({ key }: ResolveFeedKey): Promise<{ reader: Principal; claimsAt: Date }> {
    const found = FEED_KEY.test(key) ? await this.store.ownerOf(feedKeyHash(key), this.clock.now()) : undefined;
    const reader = feedKeyReader(found === undefined ? undefined : principalOfClaims(found.owner));
    return { reader, claimsAt: found?.claimsAt ?? new Date(0) };
  }
}
