import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  BoardPage,
  ConsoleBrowser,
  mintToken,
  SignInPage,
  startConsoleStack,
  startRedisServer,
  stopAll,
  stopRedisServers,
  waitFor,
  withDb,
  type ConsoleStack,
  type Person,
  type RedisServer,
} from '@muster/testing';

/**
 * Where a console session lives and when it ends: in PostgreSQL, so it survives an api restart and a
 * Redis wipe and ends on every api at once (sign-out, the provider's back-channel logout), and with the
 * provider's session. Two apis share one database, as behind a load balancer; cookies go by host, so
 * one browser holds the same session for both.
 */
describe('console sessions', () => {
  let browser: ConsoleBrowser;

  beforeAll(async () => {
    browser = await ConsoleBrowser.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await stopAll();
    await stopRedisServers();
  });

  /** `clickedAt` is before the provider's session began and `signedInAt` after: its start lies between them. */
  async function signIn(
    stack: ConsoleStack,
    name: string,
  ): Promise<{ person: Person; cookie: string; clickedAt: number; signedInAt: number }> {
    const person = await browser.person();
    await person.page.goto(`${stack.api.url}/`);
    const clickedAt = Date.now();
    await new SignInPage(person.page).continueAs(name);
    await person.page.waitForURL(`${stack.api.url}/`);
    const signedInAt = Date.now();
    const found = (await person.context.cookies(stack.api.url)).find((c) => c.name === '__Host-muster-session');
    if (found === undefined) throw new Error('no session cookie');
    return { person, cookie: `${found.name}=${found.value}`, clickedAt, signedInAt };
  }

  /** What a console page answers this cookie: 200 signed in, 303 sent to sign in. */
  async function statusFor(url: string, cookie: string): Promise<number> {
    return (await fetch(`${url}/`, { headers: { cookie }, redirect: 'manual' })).status;
  }

  async function sessionRows(stack: ConsoleStack, sub: string): Promise<number> {
    return withDb(stack.db.url, async (client) => {
      const result = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM console_session WHERE sub = $1',
        [sub],
      );
      return result.rows[0]?.n ?? -1;
    });
  }

  describe('on two apis, one database and a Redis of their own', () => {
    let stack: ConsoleStack;
    let redis: RedisServer;

    beforeAll(async () => {
      redis = await startRedisServer();
      stack = await startConsoleStack({ apis: 2, redisUrl: redis.url });
    });

    afterAll(async () => {
      await stopAll();
      await stack?.db.drop();
    });

    it('survives an api restart and a Redis FLUSHALL, and holds on the other api too', async () => {
      const { person, cookie } = await signIn(stack, 'Sam Hughes');
      await stack.apis[0]?.restart();
      await redis.flushAll();

      const board = await BoardPage.visit(person, stack.api.url);
      expect(await board.signedInAs()).toBe('Signed in as Sam Hughes, Regional coordinator');
      const other = await BoardPage.visit(person, stack.apis[1]?.url ?? '');
      expect(await other.signedInAs()).toBe('Signed in as Sam Hughes, Regional coordinator');
      expect(await statusFor(stack.apis[1]?.url ?? '', cookie)).toBe(200);
      await person.close();
    });

    it('ends on the other api as soon as the person signs out on one', async () => {
      const { person, cookie } = await signIn(stack, 'Tom Evans');
      expect(await statusFor(stack.apis[1]?.url ?? '', cookie)).toBe(200);

      await (await BoardPage.visit(person, stack.api.url)).signOut();
      await new SignInPage(person.page).confirmSignOut();
      await person.page.waitForURL(`${stack.api.url}/signed-out`);

      expect(await statusFor(stack.apis[1]?.url ?? '', cookie)).toBe(303);
      expect(await statusFor(stack.api.url, cookie)).toBe(303);
      expect(await sessionRows(stack, 'dev-cell-member')).toBe(0);
      await person.close();
    });

    it('ends everywhere when the person signs out at the provider (back-channel logout), and ignores a forged logout', async () => {
      const { person, cookie } = await signIn(stack, 'Grace Okafor');

      // A logout token the provider did not sign, then one that is not a token at all: both refused, nothing ends.
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const forged = await new SignJWT({
        events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
        sid: 'x',
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'not-the-providers' })
        .setIssuer(stack.idp.issuer)
        .setAudience(stack.idp.clientId)
        .setSubject('dev-authority-officer')
        .setIssuedAt()
        .setJti('forged-1')
        .sign(privateKey);
      for (const token of [forged, 'not-a-token']) {
        const refused = await fetch(`${stack.api.url}/auth/backchannel-logout`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ logout_token: token }),
        });
        expect(refused.status).toBe(400);
        expect(await refused.json()).toMatchObject({ error: 'invalid_request' });
      }
      expect(await statusFor(stack.apis[1]?.url ?? '', cookie)).toBe(200);

      // Signing out at the provider itself: it tells the console over the back channel before it answers.
      const discovery = (await (await fetch(`${stack.idp.issuer}/.well-known/openid-configuration`)).json()) as {
        end_session_endpoint: string;
      };
      await person.page.goto(discovery.end_session_endpoint);
      await new SignInPage(person.page).confirmSignOut();
      await person.page.getByRole('heading', { name: 'You are signed out' }).waitFor();

      expect(await statusFor(stack.apis[1]?.url ?? '', cookie)).toBe(303);
      expect(await statusFor(stack.api.url, cookie)).toBe(303);
      expect(await sessionRows(stack, 'dev-authority-officer')).toBe(0);
      // The refusals were logged (warn), and neither the session nor the tokens with them.
      const logged = stack.apis.flatMap((api) => api.output.lines()).join('\n');
      expect(logged).toContain('back-channel logout refused');
      for (const secret of [cookie.split('=')[1] ?? '', forged]) expect(logged).not.toContain(secret);
      await person.close();
    });

    it('leaves bearer tokens working for the API beside the console', async () => {
      const token = await mintToken({ roles: ['mayors-office'] });
      const response = await fetch(`${String(stack.apis[1]?.url)}/api/v1/board`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
    });
  });

  describe('with a provider whose sessions last 6 seconds', () => {
    const TTL_MS = 6_000;
    let stack: ConsoleStack;

    beforeAll(async () => {
      stack = await startConsoleStack({ idpEnv: { DEV_IDP_SESSION_TTL: `${TTL_MS / 1000}s` } });
    });

    afterAll(async () => {
      await stopAll();
      await stack?.db.drop();
    });

    it('lasts while the provider’s session does (refreshing its tokens), and ends when it ends', async () => {
      const { person, cookie, clickedAt, signedInAt } = await signIn(stack, 'Alex Morgan');
      expect(await statusFor(stack.api.url, cookie)).toBe(200);

      const endedAt = await waitFor(
        async () => ((await statusFor(stack.api.url, cookie)) === 303 ? Date.now() : false),
        {
          timeoutMs: TTL_MS + 10_000,
          intervalMs: 250,
          description: 'the console session to end with the provider’s',
        },
      );
      // Not before the provider's session ended (its tokens were refreshed meanwhile; the provider counts in whole
      // seconds, so it may refuse a refresh up to a second early), and not long after.
      expect(endedAt - clickedAt).toBeGreaterThanOrEqual(TTL_MS - 1_000);
      expect(endedAt - signedInAt).toBeLessThanOrEqual(TTL_MS + 5_000);
      expect(await sessionRows(stack, 'dev-mayors-office')).toBe(0);
      // The provider's own session has surely ended by now (it began before signedInAt); going back asks again.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, signedInAt + TTL_MS + 1_000 - Date.now())));
      await person.page.goto(`${stack.api.url}/`);
      expect(await new SignInPage(person.page).isShown()).toBe(true);
      await person.close();
    });
  });
});
