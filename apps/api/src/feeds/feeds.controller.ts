import { Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  DailyFeedSummary,
  DailyFeedView,
  GenerateDailyFeed,
  GetDailyFeed,
  GetRecentDailyFeeds,
  GetWeeklyBriefing,
  ListDailyFeeds,
} from '@muster/application';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import type { Principal, WeeklyBriefing } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Discloses, feedShown } from '../http/replay-disclosure';
import { prefersHtml } from './accept';
import { conditionalAtom } from './conditional-atom';
import { dailyFeedAtom, newestVersionAt } from './daily-feed.atom';
import { renderDailyFeedPage } from './daily-feed.page';
import { pageModel } from './feed-page-model';
import { Returns } from '../http/responses';
import { calendarDate, isoWeek } from '../http/schemas';
import { dailyFeed, dailyFeedList, weeklyBriefing } from './feed.responses';
import { dailyQuery, listQuery } from './feed.schemas';

/** How many days the Atom document carries: a month of mornings. Links start at PUBLIC_URL, never at the Host header a client chose. */
export const ATOM_ENTRIES = 31;

@ApiTags('feeds')
@Controller(`${API_BASE}/feeds`)
export class FeedsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Get('daily')
  @ApiOperation({
    summary: 'List the daily feeds',
    description:
      'The mayor’s office, regional coordinators, administrators and cell leads: every published day, newest first.',
  })
  @Returns(200, dailyFeedList, 'The latest version of each day.')
  async list(
    @Caller() caller: Principal,
    @Query({ schema: listQuery }) query: z.infer<typeof listQuery>,
  ): Promise<{ items: Array<DailyFeedSummary & { href: string }> }> {
    const items = await this.queries.execute(new ListDailyFeeds(caller, query.limit));
    return { items: items.map((item) => ({ ...item, href: `/${API_BASE}/feeds/daily/${item.date}` })) };
  }

  /** Declared before `daily/:date` and on its own path, so it is never read as a date. */
  @Get('daily.atom')
  @ApiOperation({
    summary: 'Subscribe to the daily feeds (Atom)',
    description: 'One entry per day, a month of mornings, each linking to its printable page.',
  })
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({
    description: 'An Atom document (RFC 4287), with `ETag` and `Last-Modified`.',
    schema: { type: 'string' },
  })
  @ApiResponse({
    status: 304,
    description: 'Not modified: `If-None-Match` names its ETag, or `If-Modified-Since` is not older than it.',
  })
  async atom(
    @Caller() caller: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const views = await this.queries.execute(new GetRecentDailyFeeds(caller, ATOM_ENTRIES));
    const region = views[0]?.region ?? { code: 'region', name: 'Muster' };
    const document = dailyFeedAtom(views, region, this.config.http.publicUrl, this.config.region.timeZone);
    const answer = conditionalAtom(request.headers, document, newestVersionAt(views));
    void reply.status(answer.status).headers(answer.headers);
    return answer.body;
  }

  /** JSON, or with `Accept: text/html` (a browser) the printable page. */
  @Get('daily/:date')
  @Header('vary', 'Accept')
  @ApiOperation({
    summary: 'Read a day’s feed',
    description:
      'The latest version (or `version`), filtered for the reader. `Accept: text/html` gives the printable page instead of JSON.',
  })
  @ApiProduces('application/json', 'text/html')
  @Returns(200, dailyFeed, 'The feed as JSON, or the printable page as HTML.', { orText: true })
  async daily(
    @Caller() caller: Principal,
    @Param('date', { schema: calendarDate }) date: string,
    @Query({ schema: dailyQuery }) query: z.infer<typeof dailyQuery>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DailyFeedView | string> {
    const view = await this.queries.execute(new GetDailyFeed(caller, date, query.version));
    if (!prefersHtml(request.headers.accept)) return view;
    void reply.header('content-type', 'text/html; charset=utf-8');
    return renderDailyFeedPage(pageModel(view, this.config.http.publicUrl, this.config.region.timeZone));
  }

  /** (Re)generates the day's feed now: a new immutable version. */
  @Post('daily/:date')
  @Discloses(feedShown)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Generate a day’s feed now',
    description: 'Regional coordinators and administrators: a new immutable version of the day’s report.',
  })
  @Returns(201, dailyFeed, 'The new version, as the caller may see it.')
  generate(@Caller() caller: Principal, @Param('date', { schema: calendarDate }) date: string): Promise<DailyFeedView> {
    return this.commands.execute(new GenerateDailyFeed(date, caller));
  }

  @Get('weekly/:week')
  @ApiOperation({
    summary: 'Read the weekly briefing',
    description: 'The week’s figures, RAG changes, escalations and decisions, per cell, from its daily feeds.',
  })
  @Returns(200, weeklyBriefing, 'The briefing.')
  weekly(@Caller() caller: Principal, @Param('week', { schema: isoWeek }) week: string): Promise<WeeklyBriefing> {
    return this.queries.execute(new GetWeeklyBriefing(caller, week));
  }
}
