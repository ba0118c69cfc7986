import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GetRecentDailyFeeds, ResolveFeedKey } from '@muster/application';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import { Public } from '../auth/public.decorator';
import { conditionalAtom } from './conditional-atom';
import { dailyFeedAtom, newestVersionAt } from './daily-feed.atom';
import { ATOM_ENTRIES } from './feeds.controller';
import { PRIVATE_FEED_PATH, privateFeedUrl } from './private-feed-url';

/**
 * A private feed URL (`/feeds/daily.atom?key=…`): the daily Atom feed for a feed reader, which sends no
 * header. The key stands for its owner as last seen (ResolveFeedKey: a revoked key, or an owner who may no
 * longer read the feeds, is a 401), and the feed is theirs: filtered by need to know and in the access
 * audit under their name, through the same query as the API's. The request log redacts `key`. Outside
 * the OpenAPI document and /api/v1: it takes no bearer token.
 */
@ApiExcludeController()
@Controller()
export class PrivateFeedController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Public()
  @Get(PRIVATE_FEED_PATH.slice(1))
  async atom(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const key = typeof query['key'] === 'string' ? query['key'] : '';
    const { reader, claimsAt } = await this.queries.execute(new ResolveFeedKey(key));
    const views = await this.queries.execute(new GetRecentDailyFeeds(reader, ATOM_ENTRIES));
    const { publicUrl } = this.config.http;
    const region = views[0]?.region ?? { code: 'region', name: 'Muster' };
    const document = dailyFeedAtom(
      views,
      region,
      publicUrl,
      this.config.region.timeZone,
      privateFeedUrl(publicUrl, key),
    );
    // What the owner may see changes with their claims too: a newer clearance is a newer document.
    const newest = newestVersionAt(views);
    const changedAt = newest === undefined || newest < claimsAt ? claimsAt : newest;
    const answer = conditionalAtom(request.headers, document, changedAt);
    // Their own reader may keep it to revalidate (a 304 needs a copy), no shared cache may, and every read
    // asks again, so a revoked key stops at once.
    void reply.status(answer.status).headers({ ...answer.headers, 'cache-control': 'private, no-cache' });
    return answer.body;
  }
}
