import { pino } from 'pino';
import {
  beginSignIn,
  formAction,
  FormBrowser,
  openidClient as client,
  relyingParty,
  signIn,
  submitSignIn,
  type RelyingParty,
} from '@muster/testing';
import { DEVELOPMENT_CLIENT_SECRET, loadDevIdpConfig } from './config';
import { DEMO_PEOPLE } from './people';
import { serveDevIdp, type DevIdp } from './server';
import { SANDWELL } from '@muster/builders';

const REDIRECT_URI = 'http://127.0.0.1:39999/auth/callback';
const POST_LOGOUT_URI = 'http://127.0.0.1:39999/';

/** The provider in this process on a free port, driven over real HTTP by openid-client and a form browser. */
describe('development OpenID provider: signing in', () => {
  let idp: DevIdp;
  let rp: RelyingParty;

  beforeAll(async () => {
    const config = loadDevIdpConfig({
      NODE_ENV: 'test',
      DEV_IDP_PORT: '0',
      DEV_IDP_REDIRECT_URIS: REDIRECT_URI,
      DEV_IDP_POST_LOGOUT_REDIRECT_URIS: POST_LOGOUT_URI,
    });
    idp = await serveDevIdp(config, pino({ level: 'silent' }));
    rp = await relyingParty(idp.issuer, {
      clientId: 'muster-console',
      clientSecret: DEVELOPMENT_CLIENT_SECRET,
      redirectUri: REDIRECT_URI,
      postLogoutRedirectUri: POST_LOGOUT_URI,
    });
  });

  afterAll(() => idp.close());

  const asha = {
    name: 'Asha Patel',
    role: 'authority-officer',
    authority: SANDWELL,
    cells: 'ppe, food',
    clearance: 'OFFICIAL-SENSITIVE',
  };

  it('signs in a typed-in person with Muster claims in the ID token and userinfo, without a consent screen', async () => {
    const { tokens, claims } = await signIn(rp, new FormBrowser(), { form: asha });

    expect(claims).toMatchObject({
      iss: idp.issuer,
      aud: 'muster-console',
      name: 'Asha Patel',
      roles: ['authority-officer'],
      authority: SANDWELL,
      cells: ['ppe', 'food'],
      clearance: 'OFFICIAL-SENSITIVE',
    });
    expect(claims.sub).toMatch(/^dev-asha-patel-[0-9a-f]{8}$/);
    const userinfo = await client.fetchUserInfo(rp.config, tokens.access_token, claims.sub);
    expect(userinfo).toMatchObject({
      sub: claims.sub,
      name: 'Asha Patel',
      roles: ['authority-officer'],
      authority: SANDWELL,
      cells: ['ppe', 'food'],
      clearance: 'OFFICIAL-SENSITIVE',
    });
    expect(tokens.refresh_token).toEqual(expect.any(String));
  });

  it('signs the same name in as the same person, with what was typed this time', async () => {
    const first = await signIn(rp, new FormBrowser(), { form: { ...asha, name: 'Ravi Singh' } });
    const again = await signIn(rp, new FormBrowser(), {
      form: {
        name: '  ravi   SINGH ',
        role: 'cell-member',
        authority: 'none',
        cells: 'shielding',
        clearance: 'OFFICIAL',
      },
    });
    const other = await signIn(rp, new FormBrowser(), { form: { ...asha, name: 'Ravi Singh-Jones' } });

    expect(again.claims.sub).toBe(first.claims.sub);
    expect(other.claims.sub).not.toBe(first.claims.sub);
    expect(again.claims).toMatchObject({ roles: ['cell-member'], cells: ['shielding'], clearance: 'OFFICIAL' });
    expect(again.claims).not.toHaveProperty('authority');
  });

  it('offers every demo person and signs each in with one click, as their fixed sub', async () => {
    const { page } = await beginSignIn(rp, new FormBrowser());
    for (const person of DEMO_PEOPLE) {
      expect(page.body).toContain(`name="person" value="${person.sub}"`);
      expect(page.body).toContain(`Continue as ${person.name}`);
    }
    for (const person of DEMO_PEOPLE) {
      const { claims } = await signIn(rp, new FormBrowser(), { demo: person.sub });
      expect(claims).toMatchObject({
        sub: person.sub,
        name: person.name,
        roles: [person.role],
        cells: person.cells,
        clearance: person.clearance,
      });
      if (person.authority === undefined) expect(claims).not.toHaveProperty('authority');
      else expect(claims.authority).toBe(person.authority);
    }
    const priya = await signIn(rp, new FormBrowser(), { demo: 'dev-cell-lead' });
    expect(priya.claims).toMatchObject({
      name: 'Priya Shah',
      roles: ['cell-lead'],
      cells: ['ppe'],
      clearance: 'OFFICIAL-SENSITIVE',
    });
  });

  it('exchanges a code only with its PKCE verifier', async () => {
    const browser = new FormBrowser();
    const pending = await beginSignIn(rp, browser);
    const back = await submitSignIn(rp, browser, pending.page, { demo: 'dev-regional-coordinator' });
    const callback = back.leftFor as URL;

    await expect(
      client.authorizationCodeGrant(rp.config, callback, { expectedState: pending.state }),
    ).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await expect(
      client.authorizationCodeGrant(rp.config, callback, {
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
        expectedState: pending.state,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    // The same code with its own verifier: the refusals above were PKCE's, not a spent code's.
    const tokens = await client.authorizationCodeGrant(rp.config, callback, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
    });
    expect(tokens.claims()?.sub).toBe('dev-regional-coordinator');
  });

  it('has no consent step: a request for one is refused', async () => {
    const browser = new FormBrowser();
    await signIn(rp, browser, { demo: 'dev-admin' });
    const { page } = await beginSignIn(rp, browser, { prompt: 'consent' });
    expect(page.leftFor?.searchParams.get('error')).toBe('invalid_request');
    expect(page.leftFor?.searchParams.get('error_description')).toMatch(/prompt/);
  });

  it('refuses an authorization request without PKCE S256', async () => {
    const base = {
      client_id: 'muster-console',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: REDIRECT_URI,
      state: 's',
    };
    const withoutPkce = await new FormBrowser().navigate(authorize(base), { stopAt: [REDIRECT_URI] });
    const plain = await new FormBrowser().navigate(
      authorize({ ...base, code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }),
      {
        stopAt: [REDIRECT_URI],
      },
    );

    for (const refused of [withoutPkce, plain]) {
      expect(refused.leftFor?.searchParams.get('error')).toBe('invalid_request');
      expect(refused.leftFor?.searchParams.has('code')).toBe(false);
    }
    expect(withoutPkce.leftFor?.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('shows bad input at its field with a 400, and the same sign-in then succeeds', async () => {
    const browser = new FormBrowser();
    const pending = await beginSignIn(rp, browser);
    const action = formAction(pending.page, 'login');
    const refused = await browser.submit(pending.page, action, {
      name: 'Eve\u0000<script>',
      role: 'wizard',
      authority: 'Narnia',
      cells: 'ppe, Food Hubs',
      clearance: 'SECRET',
    });

    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<title>Error: Sign in');
    expect(refused.body).toMatch(
      /id="name-error" class="error-message">Error: Name must not contain control characters/,
    );
    expect(refused.body).toMatch(/id="role-error" class="error-message">Error: Choose a role/);
    expect(refused.body).toMatch(/id="authority-error" class="error-message">Error: Choose an authority, or None/);
    expect(refused.body).toMatch(/id="cells-error" class="error-message">Error: Cells must be slugs .*Food Hubs/);
    expect(refused.body).toMatch(/id="clearance-error" class="error-message">Error: Choose a clearance/);
    expect(refused.body).toMatch(/id="name"[^>]*aria-invalid="true"[^>]*aria-describedby="name-error"/);
    expect(refused.body).toContain('<a href="#name">');
    // What was typed comes back, escaped.
    expect(refused.body).toContain('value="Eve\u0000&lt;script&gt;"');
    expect(refused.body).not.toContain('<script>');

    const tooLong = await browser.submit(pending.page, action, { ...asha, name: 'x'.repeat(201) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toContain('Name must be 200 characters or fewer');
    const noAuthority = await browser.submit(pending.page, action, { ...asha, authority: 'none' });
    expect(noAuthority.body).toMatch(
      /id="authority-error" class="error-message">Error: Choose the authority this officer works for/,
    );
    const unknownDemo = await browser.submit(pending.page, formAction(pending.page, 'demo'), { person: 'dev-nobody' });
    expect(unknownDemo.status).toBe(400);
    expect(unknownDemo.body).toContain('Choose one of the demo people');

    const back = await browser.submit(pending.page, action, asha, [REDIRECT_URI]);
    const tokens = await client.authorizationCodeGrant(rp.config, back.leftFor as URL, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
    });
    expect(tokens.claims()?.name).toBe('Asha Patel');
  });

  it('answers an unreadable form with a 4xx page, never a 500', async () => {
    const browser = new FormBrowser();
    const { page } = await beginSignIn(rp, browser);
    const action = new URL(formAction(page, 'login'), page.url);
    const origin = { origin: idp.issuer };

    const huge = await browser.navigate(action, {
      method: 'POST',
      form: { ...asha, name: 'x'.repeat(40_000) },
      headers: origin,
    });
    const json = await browser.navigate(action, {
      method: 'POST',
      body: JSON.stringify(asha),
      headers: { ...origin, 'content-type': 'application/json' },
    });
    const get = await browser.navigate(action);
    const unknownInteraction = await browser.navigate(new URL('/interaction/nosuchinteraction', page.url));

    expect([huge.status, json.status, get.status, unknownInteraction.status]).toEqual([413, 415, 405, 400]);
    for (const answer of [huge, json, get, unknownInteraction])
      expect(answer.body).toMatch(/<main id="main-content">\s*<h1>/);
  });

  it('refuses a sign-in form posted from another site, or without the browser\u2019s interaction cookie', async () => {
    const victim = new FormBrowser();
    const { page } = await beginSignIn(rp, victim);
    const action = formAction(page, 'demo');

    const crossSite = await victim.navigate(new URL(action, page.url), {
      method: 'POST',
      form: { person: 'dev-admin' },
      headers: { origin: 'http://attacker.example' },
      stopAt: [REDIRECT_URI],
    });
    const nullOrigin = await victim.navigate(new URL(action, page.url), {
      method: 'POST',
      form: { person: 'dev-admin' },
      headers: { origin: 'null' },
      stopAt: [REDIRECT_URI],
    });
    const fetchedCrossSite = await victim.navigate(new URL(action, page.url), {
      method: 'POST',
      form: { person: 'dev-admin' },
      headers: { 'sec-fetch-site': 'cross-site' },
      stopAt: [REDIRECT_URI],
    });
    // An attacker's own browser knows the address but holds none of the victim's cookies.
    const withoutCookie = await new FormBrowser().submit(page, action, { person: 'dev-admin' }, [REDIRECT_URI]);

    expect([crossSite.status, nullOrigin.status, fetchedCrossSite.status]).toEqual([403, 403, 403]);
    expect(withoutCookie.status).toBe(400);
    expect(withoutCookie.body).toContain('This sign-in has expired');
    for (const refused of [crossSite, nullOrigin, fetchedCrossSite, withoutCookie])
      expect(refused.leftFor).toBeUndefined();
    // The victim's sign-in is still waiting for them.
    const stillThere = await victim.navigate(page.url);
    expect(stillThere.status).toBe(200);
    expect(stillThere.body).toContain('<h1>Sign in to Muster</h1>');
  });

  it('accepts its own form posted with Origin: null, as a browser with a strict referrer setting sends it', async () => {
    const browser = new FormBrowser();
    const { page } = await beginSignIn(rp, browser);
    const back = await browser.navigate(new URL(formAction(page, 'demo'), page.url), {
      method: 'POST',
      form: { person: 'dev-cell-member' },
      headers: { origin: 'null', 'sec-fetch-site': 'same-origin' },
      stopAt: [REDIRECT_URI],
    });
    expect(back.leftFor?.searchParams.has('code')).toBe(true);
  });

  it('sets its cookies HttpOnly and SameSite=Lax, and its pages a script-free content security policy', async () => {
    const browser = new FormBrowser();
    const { page } = await beginSignIn(rp, browser);
    const atTheForm = browser.cookies(idp.issuer);
    await submitSignIn(rp, browser, page, { demo: 'dev-admin' });
    const signedIn = browser.cookies(idp.issuer);

    expect(atTheForm.map((c) => c.name)).toEqual(expect.arrayContaining(['_interaction', '_interaction_resume']));
    expect(signedIn.map((c) => c.name)).toContain('_session');
    for (const cookie of [...atTheForm, ...signedIn]) expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'lax' });
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[^']+'(;|$)/);
    expect(csp).toContain("form-action 'self' http://127.0.0.1:39999");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.body).not.toMatch(/<script|\son[a-z]+=/i);
  });

  function authorize(params: Record<string, string>): URL {
    const url = new URL(rp.config.serverMetadata().authorization_endpoint ?? '');
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url;
  }
});
