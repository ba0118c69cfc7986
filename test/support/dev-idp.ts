import * as client from 'openid-client';
import type { BrowserPage, FormBrowser } from './oidc-browser';

/** The console's side of sign-in, as the api will do it: openid-client against the development provider. */
export interface RelyingParty {
  config: client.Configuration;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

export interface RelyingPartyOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

export async function relyingParty(issuer: string, options: RelyingPartyOptions): Promise<RelyingParty> {
  const config = await client.discovery(
    new URL(issuer),
    options.clientId,
    undefined,
    client.ClientSecretBasic(options.clientSecret),
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- openid-client marks it only so it stands out; the test IdP is plain http
    { execute: [client.allowInsecureRequests] },
  );
  return { config, redirectUri: options.redirectUri, postLogoutRedirectUri: options.postLogoutRedirectUri };
}

export interface PendingSignIn {
  /** The provider's page the browser was sent to (the sign-in form), or where it left for the callback. */
  page: BrowserPage;
  verifier: string;
  state: string;
}

/** Sends the browser to the authorization endpoint with PKCE S256, as the console does. */
export async function beginSignIn(
  rp: RelyingParty,
  browser: FormBrowser,
  extra: Record<string, string> = {},
): Promise<PendingSignIn> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(rp.config, {
    redirect_uri: rp.redirectUri,
    scope: 'openid profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...extra,
  });
  return { page: await browser.navigate(url, { stopAt: [rp.redirectUri] }), verifier, state };
}

/** The action of the sign-in page's typed-in form (`login`) or of a demo person's one-click form. */
export function formAction(page: BrowserPage, kind: 'login' | 'demo'): string {
  const match = new RegExp(`action="(/interaction/[A-Za-z0-9_-]+/${kind})"`).exec(page.body);
  if (match?.[1] === undefined) throw new Error(`no ${kind} form on ${page.url.href} (status ${page.status})`);
  return match[1];
}

/** The logout form oidc-provider embeds in its sign-out page: where to post, with which anti-forgery value. */
export function logoutForm(page: BrowserPage): { action: string; xsrf: string } {
  const match =
    /<form id="op\.logoutForm" method="post" action="([^"]+)"><input type="hidden" name="xsrf" value="([^"]+)"\/>/.exec(
      page.body,
    );
  if (match?.[1] === undefined || match[2] === undefined)
    throw new Error(`no logout form on ${page.url.href} (status ${page.status})`);
  return { action: match[1], xsrf: match[2] };
}

export type Who = { demo: string } | { form: Record<string, string> };

/** Fills in the sign-in page as a person would and follows the redirects back to the callback. */
export async function submitSignIn(
  rp: RelyingParty,
  browser: FormBrowser,
  page: BrowserPage,
  who: Who,
): Promise<BrowserPage> {
  return 'demo' in who
    ? browser.submit(page, formAction(page, 'demo'), { person: who.demo }, [rp.redirectUri])
    : browser.submit(page, formAction(page, 'login'), who.form, [rp.redirectUri]);
}

export interface SignedIn {
  tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  claims: client.IDToken;
  /** When the code was exchanged (epoch seconds). */
  issuedAt: number;
}

/** A whole sign-in: authorization request, the sign-in form, the code exchanged with the right verifier. */
export async function signIn(rp: RelyingParty, browser: FormBrowser, who: Who): Promise<SignedIn> {
  const pending = await beginSignIn(rp, browser);
  const back = await submitSignIn(rp, browser, pending.page, who);
  if (back.leftFor === undefined) throw new Error(`sign-in did not return to the console (status ${back.status})`);
  const issuedAt = Math.floor(Date.now() / 1000);
  const tokens = await client.authorizationCodeGrant(rp.config, back.leftFor, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
  });
  const claims = tokens.claims();
  if (claims === undefined) throw new Error('no ID token');
  return { tokens, claims, issuedAt };
}

export { client as openidClient };
