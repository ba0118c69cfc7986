import { Module } from '@nestjs/common';
import { FeedTokensController } from './feed-tokens.controller';
import { FeedsController } from './feeds.controller';
import { PrivateFeedController } from './private-feed.controller';

/** The daily situation feed (JSON, printable HTML, Atom), the weekly mayoral briefing and private feed URLs. */
@Module({ controllers: [FeedsController, FeedTokensController, PrivateFeedController] })
export class FeedsModule {}
