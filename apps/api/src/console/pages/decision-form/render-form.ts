import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleDeps } from '../../page';

/**
 * A form's page in the layout with the status the API would answer (400, 403, 409, 422 when refused):
 * renderPage's, with a status.
 */
export function renderForm(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  model: object,
  status: number,
): Promise<FastifyReply> {
  return deps.views.send(reply, template, { ...model, layout: request.layout }, status);
}
