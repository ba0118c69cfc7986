import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  launchChromium,
  openidClient as client,
  relyingParty,
  startDevIdp,
  type DevIdpHandle,
  type RelyingParty,
} from '@muster/testing';
import { SANDWELL } from '@muster/builders';

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: unknown }>;
}
type Axe = { run(): Promise<{ violations: AxeViolation[] }> };

/**
 * The development provider's pages in real headless Chromium, as a person uses them: its content
 * security policy enforced (form-action included, which Chromium applies to a form post's redirects),
 * and axe-core (every rule it has) finding nothing on the sign-in page, its errors, or sign-out.
 */
describe('development sign-in in a browser', () => {
  let idp: DevIdpHandle;
  let rp: RelyingParty;
  let console_: Server;
  let consoleUrl: string;
  let browser: Browser;
  const pending = new Map<string, string>();
  let lastIdToken = '';

  beforeAll(async () => {
    // A stand-in console: starts sign-in, takes the callback, starts sign-out (what the api will do).
    console_ = createServer((request, response) => {
      void answer(new URL(request.url ?? '/', consoleUrl)).then(
        ({ status, headers, body }) => response.writeHead(status, headers).end(body),
        (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      );
    });
    await new Promise<void>((resolve) => console_.listen(0, '127.0.0.1', resolve));
    consoleUrl = `http://127.0.0.1:${(console_.address() as AddressInfo).port}`;
    idp = await startDevIdp({
      env: {
        DEV_IDP_REDIRECT_URIS: `${consoleUrl}/auth/callback`,
        DEV_IDP_POST_LOGOUT_REDIRECT_URIS: `${consoleUrl}/`,
      },
    });
    rp = await relyingParty(idp.issuer, {
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUri: `${consoleUrl}/auth/callback`,
      postLogoutRedirectUri: `${consoleUrl}/`,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await idp?.stop();
    await new Promise((resolve) => console_.close(resolve));
  });

  async function answer(url: URL): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const html = (title: string, text: string) => ({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<!doctype html><html lang="en-GB"><title>${title}</title><main><h1>${title}</h1><pre id="claims">${text.replace(/</g, '&lt;')}</pre></main></html>`,
    });
    if (url.pathname === '/login') {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      pending.set(state, verifier);
      const to = client.buildAuthorizationUrl(rp.config, {
        redirect_uri: rp.redirectUri,
        scope: 'openid profile',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      });
      return { status: 302, headers: { location: to.href }, body: '' };
    }
    if (url.pathname === '/auth/callback') {
      const state = url.searchParams.get('state') ?? '';
      const tokens = await client.authorizationCodeGrant(rp.config, url, {
        pkceCodeVerifier: pending.get(state) ?? '',
        expectedState: state,
      });
      lastIdToken = tokens.id_token ?? '';
      return html('Console', JSON.stringify(tokens.claims()));
    }
    if (url.pathname === '/logout') {
      const to = client.buildEndSessionUrl(rp.config, {
        id_token_hint: lastIdToken,
        post_logout_redirect_uri: rp.postLogoutRedirectUri,
      });
      return { status: 302, headers: { location: to.href }, body: '' };
    }
    return html('Signed out of the console', '');
  }

  async function newPage(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext();
    // Injected by the DevTools protocol, so the pages' own policy (no inline script) stays as it is.
    await context.addInitScript({ path: require.resolve('axe-core/axe.min.js') });
    const page = await context.newPage();
    const problems: string[] = [];
    // Content security policy refusals (and script errors); a 400 page or a missing favicon is no problem.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    return { context, page, problems };
  }

  async function violations(page: Page): Promise<string[]> {
    const result = await page.evaluate(() => (globalThis as unknown as { axe: Axe }).axe.run());
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  }

  async function claimsShown(page: Page): Promise<Record<string, unknown>> {
    return JSON.parse(await page.locator('#claims').innerText()) as Record<string, unknown>;
  }

  it('signs a person in through the labelled form, with no accessibility violations on the way', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(`${consoleUrl}/login`);
    expect(await page.title()).toBe('Sign in \u2013 Muster development sign-in');
    expect(await violations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/interaction\/[^/]+\/login$/);
    expect(await page.title()).toBe('Error: Sign in \u2013 Muster development sign-in');
    expect(await page.getByRole('alert').innerText()).toContain('Enter a name');
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await violations(page)).toEqual([]);

    await page.getByLabel('Name', { exact: true }).fill('Jas Kaur');
    await page.getByLabel('Role', { exact: true }).selectOption('authority-officer');
    await page.getByLabel('Authority', { exact: true }).selectOption({ label: 'Sandwell (E08000028)' });
    await page.getByLabel('Cells', { exact: true }).fill('ppe, food');
    await page.getByLabel('Clearance', { exact: true }).selectOption('OFFICIAL-SENSITIVE');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${consoleUrl}/auth/callback**`);

    expect(await claimsShown(page)).toMatchObject({
      name: 'Jas Kaur',
      roles: ['authority-officer'],
      authority: SANDWELL,
      cells: ['ppe', 'food'],
      clearance: 'OFFICIAL-SENSITIVE',
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('signs a demo person in with one click, and signs them out', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(`${consoleUrl}/login`);
    await page.getByRole('button', { name: 'Continue as Priya Shah' }).click();
    await page.waitForURL(`${consoleUrl}/auth/callback**`);
    expect(await claimsShown(page)).toMatchObject({
      sub: 'dev-cell-lead',
      name: 'Priya Shah',
      roles: ['cell-lead'],
      cells: ['ppe'],
    });

    await page.goto(`${consoleUrl}/logout`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Do you want to sign out?');
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${consoleUrl}/`);

    // Signed out of the provider too: the next sign-in asks again.
    await page.goto(`${consoleUrl}/login`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in to Muster');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('tells a person whose sign-in page has expired what to do, accessibly', async () => {
    const { context, page } = await newPage();
    const response = await page.goto(`${idp.issuer}/interaction/expired-or-unknown`);
    expect(response?.status()).toBe(400);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('This sign-in has expired');
    expect(await violations(page)).toEqual([]);
    await context.close();
  });
});
