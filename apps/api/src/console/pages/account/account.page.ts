import type { ConsolePage } from '../../page';
import { principalOf, renderPage } from '../../page';

/** `/account`: who Muster takes you to be (from the sign-in service), and signing out. */
export const accountPage: ConsolePage = (scope, deps) => {
  scope.get('/account', async (request, reply) => {
    const principal = principalOf(request);
    return renderPage(deps, request, reply, 'pages/account/account.njk', {
      pageTitle: 'Your account',
      rows: [
        { key: { text: 'Name' }, value: { text: principal.name } },
        { key: { text: 'Role' }, value: { text: request.layout?.user?.role ?? '' } },
        { key: { text: 'Authority' }, value: { text: principal.authority ?? 'None' } },
        {
          key: { text: 'Cells' },
          value: { text: principal.cells.size === 0 ? 'None' : [...principal.cells].join(', ') },
        },
        { key: { text: 'Clearance' }, value: { text: principal.clearance } },
      ],
    });
  });
};
