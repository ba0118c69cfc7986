import type { ConsolePage } from '../../page';
import { renderPage } from '../../page';

/** `/signed-out`: where the sign-in service sends people back after signing out (post_logout_redirect_uri). */
export const signedOutPage: ConsolePage = (scope, deps) => {
  scope.get('/signed-out', { config: { consolePublic: true } }, async (request, reply) =>
    renderPage(deps, request, reply, 'pages/signed-out/signed-out.njk', { pageTitle: 'You have signed out' }),
  );
};
