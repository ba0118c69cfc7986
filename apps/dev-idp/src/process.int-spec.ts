import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FormBrowser,
  logoutForm,
  openidClient as client,
  REPO_ROOT,
  relyingParty,
  signIn,
  startDevIdp,
} from '@muster/testing';

const REDIRECT_URI = 'http://127.0.0.1:39997/auth/callback';
const POST_LOGOUT_URI = 'http://127.0.0.1:39997/';
const MAIN = 'dist/apps/dev-idp/src/main.js';

/** The built provider as `npm run start:idp` and the browser tests run it: CommonJS requiring ESM on Node 24. */
describe('development OpenID provider process (dist/apps/dev-idp/src/main.js)', () => {
  let receiver: Server;
  const logoutTokens: string[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        logoutTokens.push(new URLSearchParams(body).get('logout_token') ?? '');
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise((resolve) => receiver.close(resolve)));

  it('signs a person in and out, delivers the back-channel logout to a loopback api, logs no secret, and stops on SIGTERM', async () => {
    const backchannel = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/auth/backchannel-logout`;
    const idp = await startDevIdp({
      env: {
        DEV_IDP_REDIRECT_URIS: REDIRECT_URI,
        DEV_IDP_POST_LOGOUT_REDIRECT_URIS: POST_LOGOUT_URI,
        DEV_IDP_BACKCHANNEL_LOGOUT_URI: backchannel,
      },
    });
    const rp = await relyingParty(idp.issuer, {
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUri: REDIRECT_URI,
      postLogoutRedirectUri: POST_LOGOUT_URI,
    });
    const browser = new FormBrowser();
    const { tokens, claims } = await signIn(rp, browser, {
      form: { name: 'Kim Doe', role: 'cell-lead', authority: 'none', cells: 'food', clearance: 'OFFICIAL' },
    });
    expect(claims).toMatchObject({ name: 'Kim Doe', roles: ['cell-lead'], cells: ['food'], clearance: 'OFFICIAL' });

    const page = await browser.navigate(
      client.buildEndSessionUrl(rp.config, {
        id_token_hint: tokens.id_token ?? '',
        post_logout_redirect_uri: POST_LOGOUT_URI,
      }),
    );
    const form = logoutForm(page);
    const out = await browser.submit(page, form.action, { xsrf: form.xsrf, logout: 'yes' }, [POST_LOGOUT_URI]);
    expect(out.leftFor?.href).toBe(POST_LOGOUT_URI);
    // Delivered before the redirect, to loopback: oidc-provider's SSRF guard lets the configured URI through.
    expect(logoutTokens).toHaveLength(1);
    expect(logoutTokens[0]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const exit = await idp.stop();
    expect(exit).toEqual({ code: 0, signal: null, forced: false });
    const output = idp.output.lines().join('\n');
    expect(output).toContain('"msg":"dev-idp listening"');
    expect(output).toContain('"msg":"dev-idp stopped"');
    expect(output).not.toContain('"level":50');
    for (const secret of [idp.clientSecret, tokens.access_token, tokens.id_token, tokens.refresh_token]) {
      expect(output).not.toContain(secret);
    }
  });

  it('refuses to start in production, naming NODE_ENV, and names every bad variable', () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [MAIN], {
        cwd: REPO_ROOT,
        env: { PATH: process.env['PATH'] ?? '', ...env },
        encoding: 'utf8',
        timeout: 20_000,
      });

    const production = run({ NODE_ENV: 'production' });
    const bad = run({
      NODE_ENV: 'development',
      DEV_IDP_SESSION_TTL: 'soon',
      DEV_IDP_REDIRECT_URIS: 'not a url',
      OIDC_CLIENT_SECRET: 'tiny-secret',
    });

    expect(production.status).toBe(78);
    expect(production.stderr).toContain('NODE_ENV: the development sign-in service never runs in production');
    expect(bad.status).toBe(78);
    for (const variable of ['DEV_IDP_SESSION_TTL', 'DEV_IDP_REDIRECT_URIS', 'OIDC_CLIENT_SECRET']) {
      expect(bad.stderr).toContain(`${variable}:`);
    }
    expect(bad.stderr).not.toContain('tiny-secret');
  });
});
