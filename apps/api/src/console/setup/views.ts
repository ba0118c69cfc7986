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

  constructor(roots: readonly string[] = [CONSOLE_ROOT, GOVUK_DIST]) {
    this.env = new nunjucks.Environment(new nunjucks.FileSystemLoader([...roots]), {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    });
  }

  /**
   * Through the callback: a synchronous render that fails inside an included template returns null and
   * throws from Nunjucks' scheduler, where no one can catch it and the process ends.
   */
  render(template: string, context: object): Promise<string> {
    return new Promise((resolve, reject) => {
      this.env.render(template, context, (error, html) => (error === null ? resolve(html ?? '') : reject(error)));
    });
  }

  /** A whole page (or a fragment of one), as HTML. */
  async send(reply: FastifyReply, template: string, context: object, status = 200): Promise<FastifyReply> {
    const html = await this.render(template, context);
    return reply.status(status).type('text/html; charset=utf-8').send(html);
  }
}
