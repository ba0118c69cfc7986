import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AccountPage,
  BoardPage,
  ConsoleBrowser,
  mintToken,
  SignedOutPage,
  SignInPage,
  startConsoleStack,
  stopAll,
  type ConsoleStack,
  type Person,
} from '@muster/testing';

/**
 * Signing in to the console as people do, in headless Chromium, against the real api, worker, PostgreSQL,
 * Redis and the development sign-in service: sent to sign in and brought back, the provider's form and
 * its demo people, signing out of both, forged forms refused, and the API untouched by the cookie.
 */
describe('signing in to the console', () => {
  let stack: ConsoleStack;
  let browser: ConsoleBrowser;
  let origin: string;

  beforeAll(async () => {
    stack = await startConsoleStack();
    origin = stack.api.url;
    browser = await ConsoleBrowser.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await stopAll();
    await stack?.db.drop();
  });

  async function signedInAs(name: string, path = '/'): Promise<Person> {
    const person = await browser.person();
    await person.page.goto(`${origin}${path}`);
    await new SignInPage(person.page).continueAs(name);
    await person.page.waitForURL(`${origin}${path}`);
    return person;
  }

  /** The session cookie as a `cookie` header, for requests made outside the browser. */
  async function sessionCookie(person: Person): Promise<string> {
    const cookie = (await person.context.cookies(origin)).find((c) => c.name === '__Host-muster-session');
    if (cookie === undefined) throw new Error('no session cookie');
    return `${cookie.name}=${cookie.value}`;
  }

  it('sends a signed-out visitor to sign in, and brings them back to the page they asked for after the provider’s form', async () => {
    const person = await browser.person();
    await person.page.goto(`${origin}/?cell=ppe`);
    const signIn = new SignInPage(person.page);
    expect(await signIn.isShown()).toBe(true);

    await signIn.signInWithForm({
      name: 'Jas Kaur',
      role: 'authority-officer',
      authority: 'Sandwell (E08000028)',
      clearance: 'OFFICIAL',
    });
    await person.page.waitForURL(`${origin}/?cell=ppe`);

    const board = BoardPage.at(person, origin);
    expect(await board.title()).toBe('Board – Muster');
    expect(await board.heading()).toBe('Board: PPE');
    expect(await board.signedInAs()).toBe('Signed in as Jas Kaur, Authority officer');
    expect(await board.cellNames()).toEqual(['PPE']);
    expect(await board.navigation()).toEqual(['Board', 'Escalations', 'Sitreps', 'Account']);
    expect(await board.accessibilityViolations()).toEqual([]);
    expect(board.problems()).toEqual([]);

    // Cookies go by host, not port: the sign-in service's own are in the same jar.
    const cookies = (await person.context.cookies(origin)).filter((c) => c.name.includes('muster'));
    expect(cookies.map((c) => c.name)).toEqual(['__Host-muster-session']);
    expect(cookies[0]).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    await person.close();
  });

  it('signs a demo person in with one click, shows who they are, and signs them out of the console and the provider', async () => {
    const person = await signedInAs('Priya Shah', '/account');
    const account = new AccountPage(person, origin);
    expect(await account.details()).toEqual({
      Name: 'Priya Shah',
      Role: 'Cell lead',
      Authority: 'None',
      Cells: 'ppe',
      Clearance: 'OFFICIAL-SENSITIVE',
    });
    expect(await account.navigation()).toEqual([
      'Board',
      'Decision log',
      'Escalations',
      'Daily report',
      'Rotas',
      'Account',
    ]);
    expect(await account.accessibilityViolations()).toEqual([]);
    const cookie = await sessionCookie(person);

    await account.signOut();
    // The provider asks, then sends the browser back to the console's signed-out page.
    await new SignInPage(person.page).confirmSignOut();
    await person.page.waitForURL(`${origin}/signed-out`);
    const signedOut = new SignedOutPage(person, origin);
    expect(await signedOut.heading()).toBe('You have signed out');
    expect(await signedOut.accessibilityViolations()).toEqual([]);
    expect((await person.context.cookies(origin)).filter((c) => c.name.includes('muster'))).toEqual([]);

    // The old cookie opens nothing, and the provider asks again: its session ended too.
    const replayed = await fetch(`${origin}/`, { headers: { cookie }, redirect: 'manual' });
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get('location')).toBe('/signin?returnTo=%2F');
    await person.page.goto(`${origin}/`);
    expect(await new SignInPage(person.page).isShown()).toBe(true);
    expect(signedOut.problems()).toEqual([]);
    await person.close();
  });

  describe('forged form posts', () => {
    let attacker: Server;
    let attackerUrl: string;

    beforeAll(async () => {
      // Another port of the same host: the same site, so SameSite=Lax lets the cookie through; only the token stops it.
      attacker = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(
          `<!doctype html><html lang="en"><title>Win a prize</title><main><form method="post" action="${origin}/signout">` +
            `<input type="hidden" name="_csrf" value="guessed.value"><button>Claim your prize</button></form></main></html>`,
        );
      });
      await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
      attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    });

    afterAll(() => new Promise((resolve) => attacker.close(resolve)));

    it('are refused (403) and change nothing: no token, another session’s token, or a page on another port of this host', async () => {
      const person = await signedInAs('Sam Hughes');
      const other = await signedInAs('Chris Lee');
      const othersToken = await other.page.locator('input[name="_csrf"]').first().inputValue();

      const noToken = await person.page.request.post(`${origin}/signout`, { form: {}, maxRedirects: 0 });
      const wrongToken = await person.page.request.post(`${origin}/signout`, {
        form: { _csrf: othersToken },
        maxRedirects: 0,
      });
      expect([noToken.status(), wrongToken.status()]).toEqual([403, 403]);
      expect(await noToken.text()).toContain('This form has expired');

      await person.page.goto(attackerUrl);
      await person.page.getByRole('button', { name: 'Claim your prize' }).click();
      await person.page.waitForURL(`${origin}/signout`);
      expect(await person.page.getByRole('heading', { level: 1 }).innerText()).toBe('This form has expired');

      // Still signed in, with the session they had.
      const board = await BoardPage.visit(person, origin);
      expect(await board.signedInAs()).toBe('Signed in as Sam Hughes, Regional coordinator');
      await person.close();
      await other.close();
    });
  });

  it('serves pages that no cache keeps under a policy with no inline script, assets cached for a year, and an API that ignores the cookie', async () => {
    const person = await signedInAs('Sam Hughes');
    const headers = { cookie: await sessionCookie(person) };

    const page = await fetch(`${origin}/`, { headers });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    const stylesheet = /href="(\/assets\/govuk-frontend\.min\.css\?v=[\w-]+)"/.exec(html)?.[1];
    const asset = await fetch(`${origin}${stylesheet}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${origin}/assets/govuk/template.njk`)).status).toBe(404);

    // The API takes bearer tokens, never the session cookie: no CSRF surface there.
    expect((await fetch(`${origin}/api/v1/board`, { headers })).status).toBe(401);
    const token = await mintToken({ roles: ['regional-coordinator'] });
    const api = await fetch(`${origin}/api/v1/board?cell=ppe`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);
    expect(((await api.json()) as { cells: Array<{ slug: string }> }).cells.map((c) => c.slug)).toEqual(['ppe']);
    const unknown = await fetch(`${origin}/api/v1/board?cell=nope`, { headers: { authorization: `Bearer ${token}` } });
    expect(unknown.status).toBe(404);
    const bad = await fetch(`${origin}/api/v1/board?cell=Not%20a%20slug`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['cell']);
    await person.close();
  });
});
