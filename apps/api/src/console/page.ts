import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Config } from '@muster/config';
import type { Principal } from '@muster/domain';
import { ConsolePageError } from './setup/errors';
import { FRAGMENT_HEADER } from './setup/current-user';
import type { ConsoleViews } from './setup/views';

/** What a page's route is given: the same buses the API's controllers use, so the policy, need to know and access audit apply unchanged. */
export interface ConsoleDeps {
  queries: QueryBus;
  commands: CommandBus;
  config: Config;
  views: ConsoleViews;
}

/** A page: registers its routes on the console's scope (see pages/board/board.page.ts). */
export type ConsolePage = (scope: FastifyInstance, deps: ConsoleDeps) => void;

/** The signed-in person (every console route but sign-in's own has one: setup/current-user.ts sends the rest away). */
export function principalOf(request: FastifyRequest): Principal {
  if (request.signedIn === undefined)
    throw new ConsolePageError(401, 'You are signed out', ['Sign in again to continue.']);
  return request.signedIn.principal;
}

/** A page's query string by its schema; a bad one is a 400 page naming what is wrong. */
export function pageQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || 'the address'}: ${issue.message}`,
  );
  throw new ConsolePageError(400, 'There is a problem with this address', problems);
}

/** Whether the page's script asked for the named fragment rather than the whole page. */
export function wantsFragment(request: FastifyRequest, name: string): boolean {
  return request.headers[FRAGMENT_HEADER] === name;
}

/** The page in the layout: the page's model beside `layout` (who is signed in, navigation, CSRF token). */
export function renderPage(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  model: object,
): Promise<FastifyReply> {
  return deps.views.send(reply, template, { ...model, layout: request.layout });
}
