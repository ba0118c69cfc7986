import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CreateFeedToken, FeedTokenSummary, ListFeedTokens, RevokeFeedToken } from '@muster/application';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import type { Principal } from '@muster/domain';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Discloses, keyShownOnce } from '../http/replay-disclosure';
import { Returns } from '../http/responses';
import { uuid } from '../http/schemas';
import { createdFeedToken, feedTokenList } from './feed-tokens.responses';
import { feedTokenBody } from './feed-tokens.schemas';
import { privateFeedUrl } from './private-feed-url';

type Listed = { id: string; label: string; createdAt: string; lastUsedAt: string | null };

const listed = (token: FeedTokenSummary): Listed => ({
  id: token.id,
  label: token.label,
  createdAt: token.createdAt.toISOString(),
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
});

/** The caller's own private feed URLs (contract: "Private feed URLs"). */
@ApiTags('feeds')
@Controller(`${API_BASE}/me/feed-tokens`)
export class FeedTokensController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Post()
  @Discloses(keyShownOnce)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Make a private feed URL',
    description:
      'For those who read the feeds. The URL reads the daily Atom feed as its owner, without any header, for a feed reader; it is shown in this answer only (a hash of its key is kept). A repeat with the same Idempotency-Key makes nothing and answers 409 naming the URL it made.',
  })
  @Returns(201, createdFeedToken, 'The URL, shown this once.')
  async create(
    @Caller() caller: Principal,
    @Body({ schema: feedTokenBody }) body: z.infer<typeof feedTokenBody>,
    @Req() request: AuthenticatedRequest,
  ): Promise<{ id: string; url: string; label: string; createdAt: string }> {
    const token = await this.commands.execute(
      new CreateFeedToken(caller, body.label ?? 'Feed reader', request.claimsAsOf),
    );
    return {
      id: token.id,
      url: privateFeedUrl(this.config.http.publicUrl, token.key),
      label: token.label,
      createdAt: token.createdAt.toISOString(),
    };
  }

  @Get()
  @ApiOperation({
    summary: 'List your private feed URLs',
    description: 'Newest first, without their keys. Anyone may list their own.',
  })
  @Returns(200, feedTokenList, 'The caller’s private feed URLs.')
  async list(@Caller() caller: Principal): Promise<{ items: Listed[] }> {
    return { items: (await this.queries.execute(new ListFeedTokens(caller))).map(listed) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke a private feed URL',
    description: 'Its key answers 401 from now on. Only its owner may; another person’s is not found.',
  })
  @ApiNoContentResponse({ description: 'Revoked.' })
  async revoke(@Caller() caller: Principal, @Param('id', { schema: uuid }) id: string): Promise<void> {
    await this.commands.execute(new RevokeFeedToken(caller, id));
  }
}
