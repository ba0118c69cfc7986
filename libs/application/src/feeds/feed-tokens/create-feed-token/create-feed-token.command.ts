import { Command } from '@nestjs/cqrs';
import type { Principal } from '@muster/domain';
import type { FeedTokenSummary } from '../../../ports/feed-tokens';

/** A new private feed URL's key: given once, at creation; only its hash is kept. */
export interface CreatedFeedToken extends FeedTokenSummary {
  key: string;
}

export class CreateFeedToken extends Command<CreatedFeedToken> {
  constructor(
    readonly principal: Principal,
    readonly label: string,
    /** When the caller's claims were true (their token's issue time); now, when unknown. */
    readonly claimsAsOf?: Date,
  ) {
    super();
  }
}
