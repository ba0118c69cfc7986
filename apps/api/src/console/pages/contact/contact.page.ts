import { z } from 'zod';
import { ChangeContacts, GetPerson } from '@muster/application';
import { ConsolePage, pageQuery, principalOf, renderPage } from '../../page';
import { contactModel, readContactForm } from './contact.model';

const TEMPLATE = 'pages/contact/contact.njk';
const pageParams = z.object({ saved: z.literal('1').optional() });

/**
 * `/account/contact`: a person's own contact details and notification preferences, read and set through the
 * same query and command as `GET|PUT /api/v1/me`. A refused form comes back with the errors at the fields.
 */
export const contactPage: ConsolePage = (scope, deps) => {
  scope.get('/account/contact', async (request, reply) => {
    const principal = principalOf(request);
    const { saved } = pageQuery(pageParams, request.query);
    const person = await deps.queries.execute(new GetPerson(principal, principal.sub));
    return renderPage(deps, request, reply, TEMPLATE, contactModel(person, { saved: saved === '1' }));
  });

  scope.post('/account/contact', async (request, reply) => {
    const principal = principalOf(request);
    const read = readContactForm(request.body);
    if (!read.ok) {
      const person = await deps.queries.execute(new GetPerson(principal, principal.sub));
      const model = contactModel(person, { refused: read });
      return deps.views.send(reply, TEMPLATE, { ...model, layout: request.layout }, 400);
    }
    await deps.commands.execute(new ChangeContacts(principal, principal.sub, read.contacts));
    return reply.redirect('/account/contact?saved=1', 303);
  });
};
