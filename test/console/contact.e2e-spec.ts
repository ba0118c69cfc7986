import {
  ConsoleBrowser,
  ContactPage,
  http,
  mintToken,
  RotasPage,
  SignInPage,
  startConsoleStack,
  stopAll,
  type ConsoleStack,
  type HttpClient,
  type Person,
} from '@muster/testing';

interface Me {
  email?: string;
  mobile?: string;
  preferences: Record<string, string[]>;
}

/**
 * A person's contact details in the console (`/account/contact`): set through the form, kept as `GET /me`
 * reads them, refused at the field with what was typed kept, a forged post refused; and the read-only rotas
 * page with the holder now. Every page axe-clean with no browser problem.
 */
describe('contact details and rotas in the console', () => {
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

  async function signedIn(name: string, path: string): Promise<Person> {
    const person = await browser.person();
    await person.page.goto(`${origin}${path}`);
    await new SignInPage(person.page).continueAs(name);
    await person.page.waitForURL(`${origin}${path}`);
    return person;
  }

  it('a person sets their contact details and preferences; a mistake is shown at the field and nothing changes', async () => {
    const person = await signedIn('Tom Evans', '/account/contact');
    const page = new ContactPage(person, origin);
    expect(await page.heading()).toBe('Your contact details');
    expect(await page.accessibilityViolations()).toEqual([]);

    await page.fill({ email: 'not an email', mobile: '+447700900321' });
    await page.tick('Critical', 'Text message');
    await page.save();
    expect(await page.errorSummary()).toEqual([expect.stringMatching(/^Email address must be an email address/)]);
    expect(await page.fieldError('email')).toMatch(/Email address must be an email address/);
    expect(await page.value('Mobile number')).toBe('+447700900321');
    expect(await page.ticked('Critical')).toEqual(['Text message']);
    expect(await page.accessibilityViolations()).toEqual([]);

    await page.fill({ email: 'tom.evans@example.gov.uk' });
    await page.tick('Low', 'Do not notify me');
    await page.save();
    expect(await page.successBanner()).toBe('Your contact details are saved.');
    expect(await page.value('Email address')).toBe('tom.evans@example.gov.uk');
    expect(await page.ticked('Critical')).toEqual(['Text message']);
    expect(await page.ticked('Low')).toEqual(['Do not notify me']);
    expect(await page.ticked('High')).toEqual([]);
    expect(await page.accessibilityViolations()).toEqual([]);

    // The same person through the API: what the form set is what `GET /me` reads.
    const api: HttpClient = http(
      origin,
      await mintToken({ sub: 'dev-cell-member', roles: ['cell-member'], cells: ['ppe'] }),
    );
    const me = (await api.get('/api/v1/me')).body as Me;
    expect(me).toMatchObject({
      email: 'tom.evans@example.gov.uk',
      mobile: '+447700900321',
      preferences: { critical: ['sms'], low: [] },
    });

    // A post without the form's CSRF token changes nothing.
    const forged = await person.context.request.post(`${origin}/account/contact`, {
      form: { email: 'forged@example.org' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(((await api.get('/api/v1/me')).body as Me).email).toBe('tom.evans@example.gov.uk');
    // The one refusal answered as the API would (the browser reports the status); nothing else went wrong.
    expect(person.problemsOn(origin)).toEqual([
      `${origin}/account/contact: Failed to load resource: the server responded with a status of 400 (Bad Request)`,
    ]);
    await person.close();
  });

  it('a regional coordinator reads who holds each level now: a person on shift, or the fallback contact', async () => {
    const admin = http(origin, await mintToken({ roles: ['admin'] }));
    expect(
      (await admin.put('/api/v1/people/dev-cell-lead', { name: 'Priya Shah', roles: ['cell-lead'], cells: ['ppe'] }))
        .status,
    ).toBe(200);
    const regional = http(origin, await mintToken({ roles: ['regional-coordinator'] }));
    const now = Date.now();
    const shift = {
      sub: 'dev-cell-lead',
      from: new Date(now - 3_600_000).toISOString(),
      to: new Date(now + 3_600_000).toISOString(),
    };
    expect((await regional.put('/api/v1/rotas/ppe', { shifts: [shift] })).status).toBe(200);

    const person = await signedIn('Sam Hughes', '/rotas');
    // Signing in entered Sam in the people directory with what the provider says of him.
    const sam = await admin.get('/api/v1/people/dev-regional-coordinator');
    expect([sam.status, sam.body]).toEqual([
      200,
      expect.objectContaining({ name: 'Sam Hughes', roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' }),
    ]);
    const page = new RotasPage(person, origin);
    expect(await page.heading()).toBe('Rotas');
    expect(await page.navigation()).toContain('Rotas');
    expect(await page.holder('ppe')).toBe('Priya Shah');
    expect(await page.holder('national')).toBe('National Coordination Centre duty officer Fallback contact');
    expect(await page.accessibilityViolations()).toEqual([]);
    expect(person.problemsOn(origin)).toEqual([]);
    await person.close();
  });
});
