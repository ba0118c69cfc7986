import type { Logger } from 'pino';
import Provider, { errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { AccountDirectory } from './accounts';
import { FormBodyError, readFormBody } from './form-body';
import { renderMessagePage } from './pages/message.page';
import { EMPTY_SIGN_IN, renderSignInPage, type RegionChoices } from './pages/sign-in.page';
import { DEMO_PEOPLE } from './people';
import { parseSignIn, readSignInForm } from './sign-in-form';

export interface InteractionDeps {
  provider: Provider;
  accounts: AccountDirectory;
  region: RegionChoices;
  /** Form posts from any other origin are refused. */
  issuerOrigin: string;
  log: Logger;
}

type Next = () => Promise<unknown>;

const ROUTE = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(login|demo))?$/;

class CrossSiteForm extends Error {}

/**
 * The login step of oidc-provider's interactions: the sign-in page, the typed-in form and the one-click
 * demo people. Each form is bound to its interaction by oidc-provider's `_interaction` cookie (HttpOnly,
 * SameSite=Lax, path /interaction/<uid>), which a cross-site POST does not carry; a post whose Origin is
 * another site is refused before that.
 */
export function interactionRoutes(deps: InteractionDeps) {
  return async (ctx: KoaContextWithOIDC, next: Next): Promise<unknown> => {
    const match = ROUTE.exec(ctx.path);
    const uid = match?.[1];
    if (match === null || uid === undefined) return next();
    const action = match[2];
    ctx.set('cache-control', 'no-store');
    try {
      if (action === undefined && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
        await loginInteraction(deps.provider, ctx, uid);
        showPage(ctx, 200, renderSignInPage(signInModel(deps, uid)));
        return;
      }
      if (action !== undefined && ctx.method === 'POST') {
        if (!sameOrigin(ctx, deps.issuerOrigin)) throw new CrossSiteForm();
        const body = await readFormBody(ctx.req);
        await loginInteraction(deps.provider, ctx, uid);
        await (action === 'login' ? signIn(deps, ctx, uid, body) : signInDemo(deps, ctx, uid, body));
        return;
      }
      ctx.set('allow', action === undefined ? 'GET, HEAD' : 'POST');
      showPage(ctx, 405, renderMessagePage('Not allowed', ['This address does not answer that method.']));
      return;
    } catch (error) {
      showFailure(deps.log, ctx, error);
      return;
    }
  };
}

async function signIn(deps: InteractionDeps, ctx: KoaContextWithOIDC, uid: string, body: URLSearchParams) {
  const values = readSignInForm(body);
  const result = parseSignIn(values);
  if (!result.ok) {
    showPage(ctx, 400, renderSignInPage({ ...signInModel(deps, uid), values, errors: result.errors }));
    return;
  }
  deps.accounts.remember(result.person);
  return finishLogin(deps.provider, ctx, result.person.sub);
}

async function signInDemo(deps: InteractionDeps, ctx: KoaContextWithOIDC, uid: string, body: URLSearchParams) {
  const person = deps.accounts.demoPerson(body.get('person') ?? '');
  if (person === undefined) {
    showPage(ctx, 400, renderSignInPage({ ...signInModel(deps, uid), demoError: 'Choose one of the demo people' }));
    return;
  }
  return finishLogin(deps.provider, ctx, person.sub);
}

/** The interaction this browser is in: its cookie must name the uid in the path, and it must be a login. */
async function loginInteraction(provider: Provider, ctx: KoaContextWithOIDC, uid: string): Promise<void> {
  const interaction = await provider.interactionDetails(ctx.req, ctx.res);
  if (interaction.uid !== uid) throw new errors.SessionNotFound('interaction does not match the address');
  if (interaction.prompt.name !== 'login')
    throw new errors.InvalidRequest(`unexpected ${interaction.prompt.name} step`);
}

async function finishLogin(provider: Provider, ctx: KoaContextWithOIDC, accountId: string): Promise<void> {
  const redirectTo = await provider.interactionResult(
    ctx.req,
    ctx.res,
    { login: { accountId } },
    { mergeWithLastSubmission: false },
  );
  ctx.status = 303;
  ctx.redirect(redirectTo);
}

function signInModel(deps: InteractionDeps, uid: string) {
  return { uid, values: EMPTY_SIGN_IN, errors: {}, region: deps.region, demoPeople: DEMO_PEOPLE };
}

/**
 * Browsers say where a form came from: Sec-Fetch-Site (which no page can forge) and Origin, which is
 * `null` under some referrer settings and then vouched for by Sec-Fetch-Site alone. A request with
 * neither is no browser's, and still needs the interaction cookie.
 */
function sameOrigin(ctx: KoaContextWithOIDC, issuerOrigin: string): boolean {
  const site = ctx.get('sec-fetch-site');
  if (site !== '' && site !== 'same-origin') return false;
  const origin = ctx.get('origin');
  if (origin === 'null') return site === 'same-origin';
  return origin === '' || origin === issuerOrigin;
}

function showPage(ctx: KoaContextWithOIDC, status: number, html: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = html;
}

function showFailure(log: Logger, ctx: KoaContextWithOIDC, error: unknown): void {
  if (error instanceof FormBodyError) {
    showPage(
      ctx,
      error.status,
      renderMessagePage('The form could not be read', [`The form was refused: ${error.message}.`]),
    );
    return;
  }
  if (error instanceof CrossSiteForm) {
    showPage(ctx, 403, renderMessagePage('Sign-in refused', ['This form was sent from another site.']));
    return;
  }
  if (error instanceof errors.OIDCProviderError) {
    showPage(
      ctx,
      400,
      renderMessagePage('This sign-in has expired', [
        'This sign-in page has expired, was already used, or was opened in another browser.',
        'Go back to the Muster console and sign in again.',
      ]),
    );
    return;
  }
  // Names the failure without the request: its URL and cookies are the interaction's secrets.
  log.error(
    { error: error instanceof Error ? { name: error.name, message: error.message } : String(error) },
    'interaction failed',
  );
  showPage(ctx, 500, renderMessagePage('Something went wrong', ['The sign-in service failed. Try again.']));
}
