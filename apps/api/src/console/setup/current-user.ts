import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@muster/domain';
import { csrfToken } from '../auth/csrf-token';
import type { LayoutLocals } from '../console-request';

/** A page's script asks for a fragment with this header (see assets/console.js). */
export const FRAGMENT_HEADER = 'muster-fragment';

const ROLE_NAMES: Record<string, string> = {
  'cell-lead': 'Cell lead',
  'cell-member': 'Cell member',
  'authority-officer': 'Authority officer',
  'regional-coordinator': 'Regional coordinator',
  'mayors-office': 'Mayor’s office',
  admin: 'Administrator',
};

/**
 * A signed-out visitor to a console page is sent to sign in and brought back to the page they asked
 * for; a page's script asking for a fragment gets 401 (it reloads the page, which does the same). For a
 * signed-in person, the layout's locals: who they are, the navigation they may use, the forms' token.
 */
export function setUpCurrentUser(scope: FastifyInstance, assetVersion: string): void {
  scope.addHook('onRequest', async (request, reply) => {
    const signedIn = request.signedIn;
    if (signedIn === undefined) {
      request.layout = { user: undefined, navigation: [], csrfToken: undefined, assetVersion };
      if (request.routeOptions.config.consolePublic !== true) await sendToSignIn(request, reply);
      return;
    }
    request.layout = {
      user: { name: signedIn.principal.name, role: roleName(signedIn.principal) },
      navigation: navigation(signedIn.principal, new URL(request.url, 'http://console.invalid').pathname),
      csrfToken: csrfToken(signedIn.csrfSecret),
      assetVersion,
    };
  });
}

async function sendToSignIn(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.headers[FRAGMENT_HEADER] !== undefined) {
    await reply.status(401).type('text/plain; charset=utf-8').send('signed out');
    return;
  }
  // Only a page can be come back to: after a form post, the board.
  const back = request.method === 'GET' || request.method === 'HEAD' ? request.url : '/';
  await reply.redirect(`/signin?returnTo=${encodeURIComponent(back)}`, 303);
}

function roleName(principal: Principal): string {
  return [...principal.roles].map((role) => ROLE_NAMES[role] ?? role).join(', ');
}

/**
 * The console's pages in the order people use them; those a role has no use for are left out (the
 * pages themselves ask the policy, as the API does).
 */
function navigation(principal: Principal, path: string): LayoutLocals['navigation'] {
  const has = (role: Parameters<Principal['roles']['has']>[0]) => principal.roles.has(role);
  const regional = has('regional-coordinator');
  const cells = [...principal.cells];
  const items = [
    { href: '/', text: 'Board', shown: true },
    // A cell's people work in its log; everyone else reaches a cell from the board.
    ...cells.map((cell) => ({
      href: `/cells/${cell}`,
      text: cells.length === 1 ? 'Decision log' : `Decision log: ${cell}`,
      shown: true,
    })),
    { href: '/escalations', text: 'Escalations', shown: true },
    { href: '/sitreps', text: 'Sitreps', shown: regional || has('authority-officer') },
    {
      href: '/feeds/daily',
      text: 'Daily report',
      shown: regional || has('admin') || has('mayors-office') || has('cell-lead'),
    },
    // Who holds each level: the region-wide roles, and a cell's people for their cell.
    { href: '/rotas', text: 'Rotas', shown: regional || has('admin') || has('mayors-office') || cells.length > 0 },
    { href: '/account', text: 'Account', shown: true },
  ];
  return items
    .filter((item) => item.shown)
    .map(({ href, text }) => ({
      href,
      text,
      current: href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`),
    }));
}
