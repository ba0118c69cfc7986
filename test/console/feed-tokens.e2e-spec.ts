import {
  atomEntries,
  atomProblems,
  ConsoleBrowser,
  FeedTokensPage,
  http,
  mintToken,
  regionDay,
  SignInPage,
  startConsoleStack,
  stopAll,
  type ConsoleStack,
  type HttpClient,
  type Person,
} from '@muster/testing';
import { decisionBody, SANDWELL } from '@muster/builders';

/** How many PPE decisions an entry says were logged: the sensitive one counts only for a reader who may see it. */
const ppeDecisions = (atom: string): number =>
  Number(/PPE: [\s\S]*?Decisions logged: (\d+)\./.exec(atomEntries(atom)[0]?.content ?? '')?.[1] ?? NaN);

/** A feed reader: plain HTTP, no browser, no header of its own beyond the validators it kept. */
async function read(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/**
 * Private feed URLs against the real api, worker, PostgreSQL, Redis and sign-in service: made in the
 * browser at /account/feeds, read by a feed reader with no header (valid Atom, RFC 4287), 304 on a repeat
 * with its validators, 401 once revoked or once its owner lost the role, and the key never in a log line.
 */
describe('private feed URLs', () => {
  let stack: ConsoleStack;
  let browser: ConsoleBrowser;
  let origin: string;
  let api: HttpClient;
  const today = regionDay(new Date());

  beforeAll(async () => {
    // Request logs at info: the test reads them for the key.
    stack = await startConsoleStack({ env: { LOG_LEVEL: 'info' } });
    origin = stack.api.url;
    browser = await ConsoleBrowser.launch();
    api = http(origin, await mintToken({ roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' }));
    expect(
      (await api.put(`/api/v1/cells/ppe/sitreps/${SANDWELL}/${today}`, { figures: { ffp3_masks_days: 2 } })).status,
    ).toBe(200);
    expect(
      (
        await api.post(
          '/api/v1/cells/ppe/decisions',
          decisionBody('Move gowns to Oak Lodge care home', { marking: 'OFFICIAL-SENSITIVE', authorities: [SANDWELL] }),
        )
      ).status,
    ).toBe(201);
    expect((await api.post(`/api/v1/feeds/daily/${today}`)).status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await stopAll();
    await stack?.db.drop();
  });

  async function signedIn(name: string, path: string): Promise<Person> {
    const person = await browser.person();
    await person.page.goto(`${origin}${path}`);
    await new SignInPage(person.page).continueAs(name);
    await person.page.waitForURL(`${origin}${path}`);
    return person;
  }

  it('is made in the browser, read by a feed reader with no header, answers 304 to its validators, and 401 once revoked', async () => {
    const person = await signedIn('Alex Morgan', '/account/feeds');
    const page = new FeedTokensPage(person, origin);
    expect(await page.heading()).toBe('Private feed URLs');
    expect(await page.accessibilityViolations()).toEqual([]);
    const url = await page.make('Outlook on my phone');
    expect(url).toMatch(new RegExp(`^${origin}/feeds/daily\\.atom\\?key=[A-Za-z0-9_-]{43}$`));
    expect(await page.listed()).toEqual(['Outlook on my phone']);
    expect(await page.accessibilityViolations()).toEqual([]);

    const first = await read(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(atomProblems(first.text)).toEqual([]);
    const entries = atomEntries(first.text);
    expect(entries.map((e) => [e.id, e.link])).toEqual([
      [`tag:muster,2026:E47000007:daily:${today}`, `${origin}/feeds/daily/${today}`],
    ]);
    // Read as its owner, the mayor's office without clearance: the sensitive decision is not in it, nor counted.
    expect(first.text).not.toContain('Oak Lodge');
    expect(ppeDecisions(first.text)).toBe(0);
    const etag = first.headers.get('etag') ?? '';
    const lastModified = first.headers.get('last-modified') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(new Date(lastModified).getTime()).not.toBeNaN();

    const byEtag = await read(url, { 'if-none-match': etag });
    const byDate = await read(url, { 'if-modified-since': lastModified });
    expect([byEtag.status, byEtag.text, byDate.status, byDate.text]).toEqual([304, '', 304, '']);
    expect(byEtag.headers.get('etag')).toBe(etag);
    // A new version of the day is a new document.
    expect((await api.post(`/api/v1/feeds/daily/${today}`)).status).toBe(201);
    const changed = await read(url, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);

    await page.revoke('Outlook on my phone');
    expect(await page.banner()).toBe('Success The private feed URL was revoked: it no longer works.');
    expect(await page.listed()).toEqual([]);
    const revoked = await read(url);
    expect(revoked.status).toBe(401);
    expect(revoked.text).not.toContain('<feed');
    expect(page.problems()).toEqual([]);

    // The key reached no log line (the request log redacts `key`).
    const key = new URL(url).searchParams.get('key') ?? '';
    expect(stack.api.output.lines().filter((line) => line.includes('daily.atom')).length).toBeGreaterThan(0);
    expect(stack.api.output.lines().filter((line) => line.includes(key))).toEqual([]);
    await person.close();
  });

  it('stops at once for an owner who lost the role, as their next token or sign-in says, and reads as their clearance now', async () => {
    const sub = 'feed-owner-1';
    // Three tokens of one person, issued a minute apart (issue times are what order their claims).
    const issued = (minutesAgo: number) => ({ issuedAt: new Date(Date.now() - minutesAgo * 60_000) });
    const owner = api.as(
      await mintToken({ sub, name: 'Owner', roles: ['regional-coordinator'], clearance: 'OFFICIAL' }, issued(3)),
    );
    const made = await owner.post('/api/v1/me/feed-tokens', { label: 'Desk' });
    expect(made.status).toBe(201);
    const { url } = made.body as { url: string };
    const before = await read(url);
    expect(before.status).toBe(200);
    expect(ppeDecisions(before.text)).toBe(0);

    // Cleared since: the same URL now reads as a cleared coordinator.
    const cleared = api.as(
      await mintToken(
        { sub, name: 'Owner', roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' },
        issued(2),
      ),
    );
    expect((await cleared.get('/api/v1/me/feed-tokens')).status).toBe(200);
    expect(ppeDecisions((await read(url)).text)).toBe(1);

    // Moved to a role that does not read the feeds: the URL is worth nothing.
    const moved = api.as(await mintToken({ sub, name: 'Owner', roles: ['cell-member'], cells: ['ppe'] }, issued(1)));
    expect((await moved.get('/api/v1/me/feed-tokens')).status).toBe(200);
    expect((await read(url)).status).toBe(401);
    // The old token, used again, does not bring the role back.
    expect((await cleared.get('/api/v1/me/feed-tokens')).status).toBe(200);
    expect((await read(url)).status).toBe(401);
  });

  it('is made once per Idempotency-Key: a repeat makes nothing and says which URL the key made', async () => {
    const owner = api.as(await mintToken({ sub: 'feed-owner-2', roles: ['mayors-office'] }));
    const first = await owner.post('/api/v1/me/feed-tokens', { label: 'Tablet' }, { 'idempotency-key': 'feed-url-1' });
    const again = await owner.post('/api/v1/me/feed-tokens', { label: 'Tablet' }, { 'idempotency-key': 'feed-url-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(409);
    expect((again.body as { detail: string }).detail).toContain((first.body as { id: string }).id);
    expect(((await owner.get('/api/v1/me/feed-tokens')).body as { items: unknown[] }).items).toHaveLength(1);
  });

  it('answers 401 to a missing, malformed or unknown key, never a feed', async () => {
    for (const query of ['', '?key=', '?key=short', `?key=${'A'.repeat(43)}`, '?key=a&key=b']) {
      const answer = await read(`${origin}/feeds/daily.atom${query}`);
      expect({ query, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
        query,
        status: 401,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
    }
  });

  it('changes nothing on a forged form post without the CSRF token', async () => {
    const person = await signedIn('Sam Hughes', '/account/feeds');
    const forged = await person.context.request.post(`${origin}/account/feeds`, {
      form: { label: 'forged' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    await person.page.reload();
    expect(await new FeedTokensPage(person, origin).listed()).toEqual([]);
    await person.close();
  });
});
