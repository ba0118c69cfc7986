import { z } from 'zod';
import { CreateFeedToken, ListFeedTokens, RevokeFeedToken } from '@muster/application';
import { DomainError } from '@muster/domain';
import { privateFeedUrl } from '../../../feeds/private-feed-url';
import { text, uuid } from '../../../http/schemas';
import { ConsolePage, pageQuery, principalOf, renderPage } from '../../page';
import { feedTokensModel } from './feed-tokens.model';

const TEMPLATE = 'pages/feed-tokens/feed-tokens.njk';
const pageParams = z.object({ revoked: z.literal('1').optional() });
const idParams = z.object({ id: uuid });
const labelField = text(100);

/**
 * `/account/feeds`: private feed URLs for a feed reader, made, listed and revoked through the same commands
 * as `/api/v1/me/feed-tokens`. A new URL is shown on the page that answers its form, once: only a hash of its
 * key is kept, so it cannot be shown again (a lost one is revoked and made anew).
 */
export const feedTokensPage: ConsolePage = (scope, deps) => {
  const { timeZone } = deps.config.region;

  scope.get('/account/feeds', async (request, reply) => {
    const principal = principalOf(request);
    const { revoked } = pageQuery(pageParams, request.query);
    const tokens = await deps.queries.execute(new ListFeedTokens(principal));
    return renderPage(
      deps,
      request,
      reply,
      TEMPLATE,
      feedTokensModel(principal, tokens, timeZone, { revoked: revoked === '1' }),
    );
  });

  scope.post('/account/feeds', async (request, reply) => {
    const principal = principalOf(request);
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    const typed = typeof body['label'] === 'string' ? body['label'] : '';
    const label = typed.trim() === '' ? undefined : labelField.safeParse(typed);
    const refuse = async (error: string, status: number) => {
      const tokens = await deps.queries.execute(new ListFeedTokens(principal));
      void reply.status(status);
      return deps.views.send(
        reply,
        TEMPLATE,
        { ...feedTokensModel(principal, tokens, timeZone, { label: typed, error }), layout: request.layout },
        status,
      );
    };
    if (label !== undefined && !label.success)
      return refuse(`Name ${label.error.issues[0]?.message ?? 'is not valid'}`, 400);
    let created;
    try {
      created = await deps.commands.execute(new CreateFeedToken(principal, label?.data ?? 'Feed reader'));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'rule-violated') return refuse(capital(error.message), 422);
      throw error;
    }
    const tokens = await deps.queries.execute(new ListFeedTokens(principal));
    // Answered here rather than after a redirect: the URL exists nowhere else to be shown again.
    const url = privateFeedUrl(deps.config.http.publicUrl, created.key);
    const model = feedTokensModel(principal, tokens, timeZone, { created: { url, label: created.label } });
    return deps.views.send(reply, TEMPLATE, { ...model, layout: request.layout }, 201);
  });

  scope.post('/account/feeds/:id/revoke', async (request, reply) => {
    const principal = principalOf(request);
    const { id } = pageQuery(idParams, request.params);
    await deps.commands.execute(new RevokeFeedToken(principal, id));
    return reply.redirect('/account/feeds?revoked=1', 303);
  });
};

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
