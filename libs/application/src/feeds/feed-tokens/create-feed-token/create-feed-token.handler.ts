import { randomBytes, randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { createFeedToken } from '@muster/domain';
import { Clock } from '../../../ports/clock';
import { UnitOfWork } from '../../../ports/transaction';
import { FeedTokenWriter } from '../../../ports/writers/feed-token.writer';
import { feedKeyHash } from '../feed-key';
import { claimsOf, wholeSecond } from '../feed-readers';
import { CreatedFeedToken, CreateFeedToken } from './create-feed-token.command';

@CommandHandler(CreateFeedToken)
export class CreateFeedTokenHandler implements ICommandHandler<CreateFeedToken> {
  constructor(
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute({ principal, label, claimsAsOf }: CreateFeedToken): Promise<CreatedFeedToken> {
    const key = randomBytes(32).toString('base64url');
    const at = this.clock.now();
    const id = randomUUID();
    await this.unitOfWork.run(async (tx) => {
      const tokens = tx.get(FeedTokenWriter);
      // Counted under the owner's lock, so two requests at once cannot pass the limit.
      const held = await tokens.lockOwner(claimsOf(principal), wholeSecond(claimsAsOf ?? at));
      const { state: token } = createFeedToken({ by: principal, at, id, keyHash: feedKeyHash(key), label }, held);
      await tokens.insert(principal.sub, token);
      // What a repeat with the same Idempotency-Key finds stored: the URL's id, never its key.
      return { id: token.id };
    });
    return { id, label, createdAt: at, lastUsedAt: null, key };
  }
}
