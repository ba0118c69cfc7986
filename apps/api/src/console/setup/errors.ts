import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PinoLogger } from 'nestjs-pino';
import { knownProblem } from '../../http/error-mapping';
import { ProviderUnavailable } from '../auth/oidc-client';
import type { ConsoleViews } from './views';

/** A page that tells a person what went wrong and what to do, with the status it deserves. */
export class ConsolePageError extends Error {
  override readonly name = 'ConsolePageError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly paragraphs: readonly string[],
  ) {
    super(title);
  }
}

const BY_STATUS: Record<number, { title: string; paragraphs: string[] }> = {
  400: { title: 'There is a problem with this address', paragraphs: ['Check the address, or go back to the board.'] },
  403: { title: 'You cannot see this page', paragraphs: ['Your role does not give you access to it.'] },
  404: { title: 'Page not found', paragraphs: ['It may have moved, or you may not have access to it.'] },
  409: { title: 'Someone else changed this first', paragraphs: ['Reload the page to see the change, then try again.'] },
  429: { title: 'Too many requests', paragraphs: ['Wait a minute and try again.'] },
  503: {
    title: 'Sorry, Muster is unavailable',
    paragraphs: ['A service Muster depends on did not answer. Try again in a few minutes.'],
  },
};

/**
 * Errors in console routes become GOV.UK-style pages, never JSON: the domain's refusals by their
 * status, the sign-in service being away as 503, anything else a 500 naming only an id that is in the log.
 */
export function setUpErrorPages(scope: FastifyInstance, views: ConsoleViews, log: PinoLogger): void {
  scope.setErrorHandler(async (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const page = pageFor(error, log);
    if (page.status === 503) void reply.header('retry-after', '5');
    return showError(reply, request, views, page);
  });
}

export function showError(
  reply: FastifyReply,
  request: FastifyRequest,
  views: ConsoleViews,
  page: ConsolePageError,
): Promise<FastifyReply> {
  return views.send(
    reply,
    'layout/message.njk',
    { layout: request.layout, pageTitle: `Error: ${page.title}`, heading: page.title, paragraphs: page.paragraphs },
    page.status,
  );
}

function pageFor(error: unknown, log: PinoLogger): ConsolePageError {
  if (error instanceof ConsolePageError) return error;
  if (error instanceof ProviderUnavailable) {
    log.warn({ err: error }, 'the sign-in service is unavailable');
    return new ConsolePageError(503, 'Sorry, sign-in is unavailable', [
      'The sign-in service did not answer. Try again in a few minutes.',
    ]);
  }
  const problem = knownProblem(error);
  if (problem !== undefined) {
    const known = BY_STATUS[problem.status] ?? BY_STATUS[400];
    if (problem.status >= 500) log.warn({ err: error }, problem.detail);
    // A rule's own message says what is wrong in words a person can act on; other statuses keep their page.
    const paragraphs = problem.status === 422 ? [problem.detail] : (known?.paragraphs ?? []);
    return new ConsolePageError(problem.status, known?.title ?? 'There is a problem', paragraphs);
  }
  const errorId = randomUUID();
  log.error({ err: error, errorId }, 'unhandled console error');
  return new ConsolePageError(500, 'Sorry, there is a problem with Muster', [
    `Try again later. If you report this, quote reference ${errorId}.`,
  ]);
}
