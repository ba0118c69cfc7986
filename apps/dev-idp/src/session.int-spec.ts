import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { pino } from 'pino';
import {
  beginSignIn,
  FormBrowser,
  logoutForm,
  openidClient as client,
  relyingParty,
  signIn,
  submitSignIn,
  waitFor,
  type RelyingParty,
} from '@muster/testing';
import { DEVELOPMENT_CLIENT_SECRET, loadDevIdpConfig } from './config';
import { serveDevIdp, type DevIdp } from './server';

const REDIRECT_URI = 'http://127.0.0.1:39998/auth/callback';
const POST_LOGOUT_URI = 'http://127.0.0.1:39998/';
const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

async function provider(env: Record<string, string>): Promise<{ idp: DevIdp; rp: RelyingParty }> {
  const config = loadDevIdpConfig({
    NODE_ENV: 'test',
    DEV_IDP_PORT: '0',
    DEV_IDP_REDIRECT_URIS: REDIRECT_URI,
    DEV_IDP_POST_LOGOUT_REDIRECT_URIS: POST_LOGOUT_URI,
    ...env,
  });
  const idp = await serveDevIdp(config, pino({ level: 'silent' }));
  const rp = await relyingParty(idp.issuer, {
    clientId: 'muster-console',
    clientSecret: DEVELOPMENT_CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    postLogoutRedirectUri: POST_LOGOUT_URI,
  });
  return { idp, rp };
}

describe('development OpenID provider: sign-out and the end of a session', () => {
  let receiver: Server;
  const logoutTokens: string[] = [];
  let idp: DevIdp;
  let rp: RelyingParty;

  beforeAll(async () => {
    // The console's back-channel logout endpoint, as the api will have it.
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const token = new URLSearchParams(body).get('logout_token') ?? '';
        logoutTokens.push(token);
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const backchannel = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/auth/backchannel-logout`;
    ({ idp, rp } = await provider({ DEV_IDP_BACKCHANNEL_LOGOUT_URI: backchannel }));
  });

  afterAll(async () => {
    await idp.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('ends the session on RP-initiated logout: tokens refused, a back-channel logout token sent, sign-in asked again', async () => {
    const browser = new FormBrowser();
    const { tokens, claims } = await signIn(rp, browser, { demo: 'dev-regional-coordinator' });
    expect(claims.sid).toEqual(expect.any(String));
    // Alive: userinfo answers and the refresh token works.
    const refreshed = await client.refreshTokenGrant(rp.config, tokens.refresh_token ?? '');
    expect(refreshed.claims()?.sub).toBe('dev-regional-coordinator');
    await expect(client.fetchUserInfo(rp.config, refreshed.access_token, claims.sub)).resolves.toMatchObject({
      roles: ['regional-coordinator'],
    });

    const endSession = client.buildEndSessionUrl(rp.config, {
      id_token_hint: refreshed.id_token ?? '',
      post_logout_redirect_uri: POST_LOGOUT_URI,
      state: 'bye',
    });
    const page = await browser.navigate(endSession);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>Do you want to sign out?</h1>');
    const form = logoutForm(page);

    // A forged confirmation (not this browser's anti-forgery value) ends nothing.
    const forged = await browser.submit(page, form.action, { xsrf: 'forged', logout: 'yes' }, [POST_LOGOUT_URI]);
    expect(forged.status).toBe(400);
    expect(forged.leftFor).toBeUndefined();
    await expect(client.fetchUserInfo(rp.config, refreshed.access_token, claims.sub)).resolves.toMatchObject({
      sub: claims.sub,
    });

    const out = await browser.submit(page, form.action, { xsrf: form.xsrf, logout: 'yes' }, [POST_LOGOUT_URI]);
    expect(out.leftFor?.href).toBe(`${POST_LOGOUT_URI}?state=bye`);

    // oidc-provider delivers back-channel logouts before it redirects: the token is here already.
    expect(logoutTokens).toHaveLength(1);
    const { payload } = await jwtVerify(logoutTokens[0] ?? '', createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), {
      issuer: idp.issuer,
      audience: 'muster-console',
    });
    expect(payload).toMatchObject({
      sub: 'dev-regional-coordinator',
      sid: claims.sid,
      events: { [BACKCHANNEL_EVENT]: {} },
    });
    await expect(client.fetchUserInfo(rp.config, refreshed.access_token, claims.sub)).rejects.toMatchObject({
      status: 401,
    });
    await expect(client.refreshTokenGrant(rp.config, refreshed.refresh_token ?? '')).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const again = await beginSignIn(rp, browser);
    expect(again.page.leftFor).toBeUndefined();
    expect(again.page.body).toContain('<h1>Sign in to Muster</h1>');
  });

  it('keeps a session for DEV_IDP_SESSION_TTL from signing in, however often the browser comes back', async () => {
    const browser = new FormBrowser();
    const first = await signIn(rp, browser, { demo: 'dev-cell-lead' });
    const authTime = first.claims.auth_time ?? 0;
    const endsAt = (authTime + 8 * 3600) * 1000;
    // oidc-provider reads the clock twice when it saves a session: a second may tick in between.
    const expectSessionToEndAtSignInPlusTtl = () => {
      const expiresAt = browser.cookies(idp.issuer).find((c) => c.name === '_session')?.expiresAt ?? 0;
      expect(expiresAt).toBeGreaterThanOrEqual(endsAt);
      expect(expiresAt).toBeLessThanOrEqual(endsAt + 1000);
    };
    expectSessionToEndAtSignInPlusTtl();
    // Two seconds on, a session that slid with each visit would end at least 2 s later than it should.
    await waitFor(() => Math.floor(Date.now() / 1000) >= authTime + 2, {
      description: 'the clock to move on 2 s',
      timeoutMs: 4_000,
    });

    // Back again later: straight through to the console, same sign-in, same end.
    const pending = await beginSignIn(rp, browser);
    expect(pending.page.leftFor).toBeDefined();
    const tokens = await client.authorizationCodeGrant(rp.config, pending.page.leftFor as URL, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
    });
    expect(tokens.claims()?.auth_time).toBe(authTime);
    expectSessionToEndAtSignInPlusTtl();
  });

  it('ends the session DEV_IDP_SESSION_TTL after signing in: userinfo and refresh refused, sign-in asked again', async () => {
    const ttl = 5;
    const short = await provider({ DEV_IDP_SESSION_TTL: `${ttl}s` });
    try {
      const browser = new FormBrowser();
      const { tokens, claims } = await signIn(short.rp, browser, { demo: 'dev-mayors-office' });
      const authTime = claims.auth_time ?? 0;
      // Nothing issued outlives the session.
      expect(claims.exp).toBeLessThanOrEqual(authTime + ttl);
      expect(tokens.expires_in).toBeLessThanOrEqual(ttl);
      await expect(client.fetchUserInfo(short.rp.config, tokens.access_token, claims.sub)).resolves.toMatchObject({
        sub: 'dev-mayors-office',
      });

      const refusal = await waitFor(
        () =>
          client.fetchUserInfo(short.rp.config, tokens.access_token, claims.sub).then(
            () => false,
            (error: unknown) => error,
          ),
        { description: 'userinfo to refuse the access token', timeoutMs: (ttl + 5) * 1000, intervalMs: 200 },
      );
      const refusedAt = Date.now();

      expect(refusal).toMatchObject({ status: 401 });
      expect(refusedAt).toBeGreaterThanOrEqual((authTime + ttl - 1) * 1000);
      await expect(client.refreshTokenGrant(short.rp.config, tokens.refresh_token ?? '')).rejects.toMatchObject({
        error: 'invalid_grant',
      });
      const again = await beginSignIn(short.rp, browser);
      expect(again.page.leftFor).toBeUndefined();
      expect(again.page.body).toContain('<h1>Sign in to Muster</h1>');
    } finally {
      await short.idp.close();
    }
  });

  it('asks a browser back after its session ended to sign in again, even one whose slow clock still holds the cookie', async () => {
    const ttl = 2;
    const short = await provider({ DEV_IDP_SESSION_TTL: `${ttl}s` });
    try {
      // Its clock is 5 s behind the provider's: the session cookie outlives the session in this browser.
      const browser = new FormBrowser(-5_000);
      const { claims } = await signIn(short.rp, browser, { demo: 'dev-mayors-office' });
      const endsAt = ((claims.auth_time ?? 0) + ttl) * 1000;
      await waitFor(() => Date.now() >= endsAt, {
        description: 'the session to end',
        timeoutMs: (ttl + 1) * 1000,
        intervalMs: 20,
      });
      expect(browser.cookies(short.idp.issuer).map((c) => c.name)).toContain('_session');

      const again = await beginSignIn(short.rp, browser);
      expect(again.page.leftFor).toBeUndefined();
      expect(again.page.body).toContain('<h1>Sign in to Muster</h1>');
      // Signing in again starts a new session, with a grant that lives as long as it does.
      const back = await submitSignIn(short.rp, browser, again.page, { demo: 'dev-mayors-office' });
      if (back.leftFor === undefined) throw new Error(`sign-in did not return to the console (status ${back.status})`);
      const tokens = await client.authorizationCodeGrant(short.rp.config, back.leftFor, {
        pkceCodeVerifier: again.verifier,
        expectedState: again.state,
      });
      expect(tokens.claims()?.auth_time).toBeGreaterThanOrEqual(endsAt / 1000);
      await expect(client.refreshTokenGrant(short.rp.config, tokens.refresh_token ?? '')).resolves.toMatchObject({
        token_type: expect.any(String),
      });
    } finally {
      await short.idp.close();
    }
  });
});
