import { dirname, join } from 'node:path';
import type { FastifyReply } from 'fastify';
import nunjucks from 'nunjucks';

/** Where the console's templates are: `layout/`, `partials/` and `pages/<page>/`, beside this folder. */
export const CONSOLE_ROOT = join(__dirname, '..');
/** govuk-frontend's `dist/`: `govuk/template.njk` and `govuk/components/<name>/macro.njk`. */
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/**
 * Nunjucks over the console's templates and govuk-frontend's, autoescaping everything. Templates only
 * place and escape what a page's view model says (see pages/board/board.model.ts): wording, numbers and
 * dates are decided in TypeScript, where they are tested.
 */
export class ConsoleViews {
  private readonly env: nunjucks.Environment;

  constructor() {
    this.env = new nunjucks.Environment(new nunjucks.FileSystemLoader([CONSOLE_ROOT, GOVUK_DIST]), {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    });
  }

  render(template: string, context: object): string {
    return this.env.render(template, context);
  }

  /** A whole page (or a fragment of one), as HTML. */
  send(reply: FastifyReply, template: string, context: object, status = 200): FastifyReply {
    return reply.status(status).type('text/html; charset=utf-8').send(this.render(template, context));
  }
}
