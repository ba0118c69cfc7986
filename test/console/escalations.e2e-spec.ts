import {
  BoardPage,
  ConsoleBrowser,
  EscalationPage,
  EscalationsPage,
  escalationInput,
  historyOutline,
  http,
  mintToken,
  SignInPage,
  startConsoleStack,
  startSmtpCapture,
  stopAll,
  submitForm,
  waitFor,
  withDb,
  type ConsoleStack,
  type EscalationBody,
  type FormAnswer,
  type HttpClient,
  type Person,
  type SmtpCapture,
} from '@muster/testing';
import { DUDLEY, SANDWELL, WALSALL } from '@muster/builders';
/** High escalations wait this long at each level: long enough for a person to act after a climb, short for a test. */
const HIGH_SLA_MS = 8_000;

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The escalations pages in real Chromium against the real api, worker, PostgreSQL, Redis and sign-in
 * service: a Sandwell officer raises one, it climbs to regional by itself and a regional coordinator
 * acknowledges it; a step taken in one browser reaches another's page within a second; the pages work
 * without JavaScript, and a page someone changed first answers 409; refusals say why; an uncleared reader
 * never sees a sensitive escalation; forged posts change nothing; axe-core finds nothing on any page.
 */
describe('escalations in the console', () => {
  let stack: ConsoleStack;
  let browser: ConsoleBrowser;
  let origin: string;
  let api: HttpClient;
  let smtp: SmtpCapture;

  beforeAll(async () => {
    // Email configured: the rota-less cell and regional levels fall back to the region file's contact points.
    smtp = await startSmtpCapture();
    stack = await startConsoleStack({
      env: { ESCALATION_ACK_SLA: `critical=1h,high=${HIGH_SLA_MS}ms,medium=4h,low=24h`, SMTP_URL: smtp.url },
    });
    origin = stack.api.url;
    browser = await ConsoleBrowser.launch();
    api = http(
      origin,
      await mintToken({
        sub: 'test-regional',
        name: 'Regional',
        roles: ['regional-coordinator'],
        clearance: 'OFFICIAL-SENSITIVE',
      }),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await stopAll();
    await stack?.db.drop();
    await smtp?.close();
  });

  async function signedIn(name: string, path: string, options: { javaScript?: boolean } = {}): Promise<Person> {
    const person = await browser.person(options);
    await person.page.goto(`${origin}${path}`);
    await new SignInPage(person.page).continueAs(name);
    await person.page.waitForURL(`${origin}${path}`);
    return person;
  }

  /** Raised through the API by a regional coordinator; low severity (a day a level) unless said, so nothing climbs. */
  async function raised(overrides: Record<string, unknown>): Promise<EscalationBody> {
    const response = await api.post('/api/v1/escalations', escalationInput({ severity: 'low', ...overrides }));
    expect(response.status).toBe(201);
    return response.body as EscalationBody;
  }

  async function read(id: string): Promise<EscalationBody> {
    return (await api.get(`/api/v1/escalations/${id}`)).body as EscalationBody;
  }

  it('a Sandwell officer raises an escalation; it climbs to regional by itself; a regional coordinator acknowledges it', async () => {
    const title = 'Oak Lodge care home has two days of FFP3 masks';
    const jas = await browser.person();
    await jas.page.goto(`${origin}/escalations`);
    await new SignInPage(jas.page).signInWithForm({
      name: 'Jas Kaur',
      role: 'authority-officer',
      authority: 'Sandwell (E08000028)',
      clearance: 'OFFICIAL',
    });
    await jas.page.waitForURL(`${origin}/escalations`);
    const list = EscalationsPage.at(jas, origin);
    expect(await list.title()).toBe('Escalations – Muster');
    expect(await list.options('Authority')).toEqual(['Choose an authority', 'Sandwell']);
    expect(await list.chosen('Authority')).toBe('Sandwell');
    expect(await list.options('Marking')).toEqual(['OFFICIAL']);
    expect(await list.accessibilityViolations()).toEqual([]);

    // Without a title or a severity: the form again with what was typed, each error at its field.
    const refused = await list.raise({ cell: 'PPE', detail: 'Two days of stock left; the council reserve is empty.' });
    expect(refused.status).toBe(400);
    expect(await list.title()).toBe('Error: Escalations – Muster');
    expect(await list.errorSummary()).toEqual(['Enter a title', 'Choose how severe it is']);
    expect(await list.fieldError('title')).toBe('Enter a title');
    expect(await list.fieldError('severity')).toBe('Choose how severe it is');
    expect(await list.typed('Detail')).toBe('Two days of stock left; the council reserve is empty.');
    expect(await list.chosen('Cell')).toBe('PPE');
    expect(await list.accessibilityViolations()).toEqual([]);

    const sent = await list.raise({ title, severity: 'High', ask: 'Release masks from the regional reserve' });
    expect(sent.status).toBe(303);
    const page = EscalationPage.at(jas, origin);
    const id = page.id();
    expect(jas.page.url()).toBe(`${origin}/escalations/${id}?done=raised`);
    expect(await page.banner()).toContain('You raised this escalation');
    expect(await page.heading()).toBe(title);
    expect(await page.title()).toBe('Escalation – Muster');
    const summary = await page.summary();
    expect(summary).toMatchObject({
      Status: 'Open',
      Severity: 'High',
      Level: 'Cell',
      // No PPE shift is set in this test: the region file's PPE contact point holds the level.
      'Held by': 'PPE cell lead Held by PPE cell duty inbox (the fallback contact: no one is on the rota).',
      Cell: 'PPE',
      Authority: 'Sandwell',
      Marking: 'OFFICIAL',
      'What is asked': 'Release masks from the regional reserve',
    });
    expect(summary['Raised']).toMatch(/^By Jas Kaur, at \d\d:\d\d on \d+ \w+ \d{4}$/);
    expect(summary['Acknowledge by']).toMatch(/^\d\d:\d\d on \d+ \w+ \d{4}$/);
    expect(await page.offered()).toEqual([]);
    expect(await page.nothingToDo()).toBe(
      'At cell level, only the PPE cell lead can acknowledge it, and only they or a regional coordinator can escalate or resolve it.',
    );
    expect((await page.timeline()).map((step) => step.heading)).toEqual(['Raised at cell level']);
    expect(await page.accessibilityViolations()).toEqual([]);

    // Sam finds it on the board and follows its link, while the PPE cell lets the deadline pass.
    const sam = await signedIn('Sam Hughes', '/');
    const board = BoardPage.at(sam, origin);
    await waitFor(async () => (await board.escalationTitles()).includes(title), {
      timeoutMs: 5_000,
      description: 'the escalation on the board',
    });
    await Promise.all([
      sam.page.waitForURL(`${origin}/escalations/${id}`),
      sam.page.getByRole('link', { name: title }).click(),
    ]);
    const samPage = EscalationPage.at(sam, origin);
    await samPage.waitUntilLive();
    await sam.markPage();
    expect(await samPage.offered()).toEqual(['Escalate to regional level', 'Resolve']);

    await samPage.waitForStep('Escalated from cell to regional level', HIGH_SLA_MS + 10_000);
    expect((await samPage.timeline())[0]).toEqual({
      heading: 'Escalated from cell to regional level',
      byAndWhen: expect.stringMatching(/^By the system \(automatic\), \d\d:\d\d on /),
      notes: [
        expect.stringMatching(/^Not acknowledged at cell level by \d\d:\d\d on /),
        expect.stringMatching(/^Regional coordinators to acknowledge by \d\d:\d\d on /),
        // No regional shift is set in this test: the region file's regional contact point holds it.
        'Held by WMCA Regional Coordination duty desk (the fallback contact: no one is on the rota).',
      ],
    });
    expect(await samPage.waitForUpdate()).toMatch(
      /^Updated This escalation changed at \d\d:\d\d: an escalation went up a level\.$/,
    );
    expect(await sam.pageWasReloaded()).toBe(false);
    expect(await samPage.offered()).toEqual(['Acknowledge', 'Escalate to national level', 'Resolve']);
    expect(await samPage.summary()).toMatchObject({
      Level: 'Regional',
      'Held by':
        'Regional coordinators Held by WMCA Regional Coordination duty desk (the fallback contact: no one is on the rota).',
    });
    expect(await samPage.accessibilityViolations()).toEqual([]);

    const acknowledged = await samPage.acknowledge('Releasing 2,000 masks from the regional reserve');
    expect(acknowledged.status).toBe(303);
    expect(await samPage.banner()).toContain('You acknowledged this escalation');
    expect((await samPage.timeline())[0]).toEqual({
      heading: 'Acknowledged at regional level',
      byAndWhen: expect.stringMatching(/^By Sam Hughes, \d\d:\d\d on /),
      notes: ['Note: Releasing 2,000 masks from the regional reserve'],
    });
    expect(await samPage.summary()).toMatchObject({
      Status: 'Acknowledged',
      Level: 'Regional',
      'Acknowledge by': 'None: it has been acknowledged',
    });
    // Who was told off-screen: the PPE cell's and the regional contact points, by name, never an address.
    const told = await samPage.whoWasTold();
    expect(told.map((row) => [row.who, row.about, row.how])).toEqual(
      expect.arrayContaining([
        ['PPE cell duty inbox', 'Raised', 'Email'],
        ['WMCA Regional Coordination duty desk', 'Climbed', 'Email'],
      ]),
    );
    expect(JSON.stringify(told)).not.toContain('@');
    expect(await samPage.accessibilityViolations()).toEqual([]);

    // The API tells the same history, and the journal row carries the console request's correlation id.
    expect(historyOutline((await read(id)).history)).toEqual([
      expect.stringMatching(/^raised@cell by /),
      'escalated cell→regional by system',
      'acknowledged@regional by dev-regional-coordinator',
    ]);
    const journaled = await withDb(
      stack.db.url,
      async (client) =>
        (
          await client.query<{ correlation_id: string | null }>(
            `SELECT correlation_id FROM journal WHERE type = 'escalation.acknowledged' AND data->>'id' = $1`,
            [id],
          )
        ).rows,
    );
    expect(journaled).toEqual([{ correlation_id: acknowledged.correlationId }]);
    expect(unexpected([...jas.problemsOn(origin), ...sam.problemsOn(origin)])).toEqual([]);
    await jas.close();
    await sam.close();
  });

  it('shows a step taken in one browser on another’s page within a second, without a reload, keeping what they were typing', async () => {
    const e = await raised({ authority: WALSALL, title: 'Walsall care homes short of aprons' });
    const priya = await signedIn('Priya Shah', `/escalations/${e.id}`);
    const sam = await signedIn('Sam Hughes', `/escalations/${e.id}`);
    const samPage = EscalationPage.at(sam, origin);
    await samPage.waitUntilLive();
    await sam.markPage();
    await samPage.type('resolve', 'Aprons sent from the Dudley store');

    const acknowledged = await EscalationPage.at(priya, origin).acknowledge();
    expect(acknowledged.status).toBe(303);
    await samPage.waitForStep('Acknowledged at cell level');
    expect(Date.now() - acknowledged.at).toBeLessThan(1_000);

    expect(await samPage.waitForUpdate()).toMatch(
      /^Updated This escalation changed at \d\d:\d\d: an escalation was acknowledged\.$/,
    );
    expect(await sam.pageWasReloaded()).toBe(false);
    expect((await samPage.summary())['Status']).toBe('Acknowledged');
    expect((await samPage.timeline())[0]).toMatchObject({
      heading: 'Acknowledged at cell level',
      byAndWhen: expect.stringMatching(/^By Priya Shah, /),
      notes: [],
    });
    expect(await samPage.typedIn('resolve')).toBe('Aprons sent from the Dudley store');
    expect(await samPage.focusedId()).toBe('resolve-resolution');
    expect(await samPage.accessibilityViolations()).toEqual([]);
    expect([...priya.problemsOn(origin), ...sam.problemsOn(origin)]).toEqual([]);
    await priya.close();
    await sam.close();
  });

  it('works without JavaScript, and a page someone changed first answers 409 with the escalation as it is now', async () => {
    const e = await raised({ authority: WALSALL, title: 'Walsall shielding letters delayed' });
    const sam = await signedIn('Sam Hughes', `/escalations/${e.id}`, { javaScript: false });
    const priya = await signedIn('Priya Shah', `/escalations/${e.id}`, { javaScript: false });

    const priyaPage = EscalationPage.at(priya, origin);
    expect((await priyaPage.acknowledge('Calling the print room')).status).toBe(303);
    expect(await priyaPage.banner()).toContain('You acknowledged this escalation');
    expect((await priyaPage.timeline())[0]?.heading).toBe('Acknowledged at cell level');

    // Sam's page still shows it open: with no script, nothing updates it.
    const samPage = EscalationPage.at(sam, origin);
    expect((await samPage.summary())['Status']).toBe('Open');
    const stale = await samPage.resolve('Letters printed by the region');
    expect(stale.status).toBe(409);
    expect(await samPage.errorSummary()).toEqual([
      'Someone else changed this escalation before you could resolve it: it is now acknowledged at cell level. Nothing was changed. Check it below, then try again if you still need to.',
    ]);
    expect((await samPage.summary())['Status']).toBe('Acknowledged');
    expect(await samPage.typedIn('resolve')).toBe('Letters printed by the region');
    expect((await read(e.id)).status).toBe('acknowledged');

    // Now that Sam has seen it, the same words resolve it.
    expect((await samPage.resolve()).status).toBe(303);
    expect(await samPage.banner()).toContain('You resolved this escalation');
    expect(await samPage.offered()).toEqual([]);
    expect(await samPage.nothingToDo()).toBe('It is resolved: there is nothing more to do.');
    expect(historyOutline((await read(e.id)).history)).toEqual([
      'raised@cell by test-regional',
      'acknowledged@cell by dev-cell-lead',
      'resolved@cell by dev-regional-coordinator',
    ]);
    await priya.close();
    await sam.close();
  });

  it('lets one of two people resolving at the same moment through, and tells the other, with the escalation as it is now', async () => {
    const e = await raised({ authority: WALSALL, title: 'Walsall hospital discharge delays' });
    const priya = await signedIn('Priya Shah', `/escalations/${e.id}`, { javaScript: false });
    const sam = await signedIn('Sam Hughes', `/escalations/${e.id}`, { javaScript: false });
    const pages = [EscalationPage.at(priya, origin), EscalationPage.at(sam, origin)];
    await pages[0]?.type('resolve', 'Beds found at Walsall Manor');
    await pages[1]?.type('resolve', 'Discharge team doubled');

    const answers = await Promise.all(pages.map((page) => page.resolve()));
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 409]);
    const loser = pages[answers.findIndex((answer) => answer.status === 409)];
    expect(await loser?.errorSummary()).toEqual([
      'Someone else changed this escalation before you could resolve it: it is now resolved at cell level. Nothing was changed. Check it below, then try again if you still need to.',
    ]);
    expect((await loser?.summary())?.['Status']).toBe('Resolved');
    expect((await read(e.id)).history.filter((step) => step.step === 'resolved')).toHaveLength(1);
    await priya.close();
    await sam.close();
  });

  it('says why a step is refused: an empty reason at its field, a step the reader may not take in the policy’s terms', async () => {
    const e = await raised({ authority: WALSALL, title: 'Walsall mortuary capacity' });
    const sam = await signedIn('Sam Hughes', `/escalations/${e.id}`);
    const samPage = EscalationPage.at(sam, origin);
    const empty = await samPage.escalate('   ');
    expect(empty.status).toBe(400);
    expect(await samPage.title()).toBe('Error: Escalation – Muster');
    expect(await samPage.errorSummary()).toEqual(['Enter why it needs to go up a level']);
    expect(await samPage.fieldError('escalate-reason')).toBe('Enter why it needs to go up a level');
    expect(await samPage.accessibilityViolations()).toEqual([]);

    // Tom, a PPE cell member, is offered nothing; a form he makes up anyway is refused by the command, which says why.
    const tom = await signedIn('Tom Evans', `/escalations/${e.id}`);
    const tomPage = EscalationPage.at(tom, origin);
    expect(await tomPage.offered()).toEqual([]);
    const token = await tomPage.csrfToken();
    const forced = await submitMadeUpForm(tom, `/escalations/${e.id}`, {
      _csrf: token,
      action: 'acknowledge',
      version: String(e.version),
    });
    expect(forced.status).toBe(403);
    expect(await tomPage.errorSummary()).toEqual([
      'You cannot acknowledge this escalation: only the PPE cell lead can while it is at cell level. Nothing was changed.',
    ]);
    expect(await tomPage.accessibilityViolations()).toEqual([]);
    expect((await read(e.id)).version).toBe(e.version);

    // A form sent from a page older than the escalation: 409, the escalation as it is now, what was typed kept.
    expect((await samPage.resolve('Extra capacity at Walsall Manor')).status).toBe(303);
    const stale = await submitMadeUpForm(sam, `/escalations/${e.id}`, {
      _csrf: await samPage.csrfToken(),
      action: 'escalate',
      version: String(e.version),
      reason: 'Beyond us',
    });
    expect(stale.status).toBe(409);
    expect(await samPage.errorSummary()).toEqual([
      'Someone else changed this escalation before you could escalate it: it is now resolved at cell level. Nothing was changed. Check it below, then try again if you still need to.',
    ]);
    expect(await samPage.summary()).toMatchObject({ Status: 'Resolved', 'Held by': 'No one: it is resolved' });
    expect(await samPage.accessibilityViolations()).toEqual([]);
    expect(unexpected(sam.problemsOn(origin))).toEqual([]);
    await sam.close();
    await tom.close();
  });

  it('never shows an uncleared reader a sensitive escalation: not in the list, not at its address (404), not live', async () => {
    const secret = await raised({
      authority: SANDWELL,
      title: 'Oak Lodge residents named in outbreak',
      marking: 'OFFICIAL-SENSITIVE',
    });
    const open = await raised({ authority: SANDWELL, title: 'Sandwell gloves running low' });
    const chris = await signedIn('Chris Lee', `/escalations?authority=${SANDWELL}`);
    const pushed: string[] = [];
    chris.page.on('websocket', (socket) => socket.on('framereceived', (frame) => pushed.push(String(frame.payload))));
    await chris.page.reload();
    const list = EscalationsPage.at(chris, origin);
    await list.waitUntilLive();
    await chris.markPage();
    expect(await list.titles()).toContain('Sandwell gloves running low');
    expect(await chris.page.content()).not.toContain('Oak Lodge residents');
    expect(await list.accessibilityViolations()).toEqual([]);

    // Both change while the list is open: the open one's change reaches it, the sensitive one's does not.
    expect((await api.post(`/api/v1/escalations/${secret.id}/resolve`, { resolution: 'Residents moved' })).status).toBe(
      200,
    );
    expect((await api.post(`/api/v1/escalations/${open.id}/resolve`, { resolution: 'Gloves delivered' })).status).toBe(
      200,
    );
    await waitFor(
      async () => (await list.rows()).find((row) => row.title === 'Sandwell gloves running low')?.status === 'Resolved',
      {
        timeoutMs: 5_000,
        description: 'the open escalation resolved on the uncleared list',
      },
    );
    expect(await chris.pageWasReloaded()).toBe(false);
    expect(await chris.page.content()).not.toContain('Oak Lodge residents');
    expect(pushed.some((frame) => frame.includes('Sandwell gloves running low'))).toBe(true);
    expect(pushed.filter((frame) => frame.includes('Oak Lodge'))).toEqual([]);

    const direct = await chris.page.goto(`${origin}/escalations/${secret.id}`);
    expect(direct?.status()).toBe(404);
    expect(await list.heading()).toBe('Page not found');
    expect(await chris.page.content()).not.toContain('Oak Lodge residents');
    expect(await list.accessibilityViolations()).toEqual([]);
    const uncleared = api.as(await mintToken({ roles: ['regional-coordinator'] }));
    expect((await uncleared.get(`/api/v1/escalations/${secret.id}`)).status).toBe(404);

    // A cleared coordinator sees it, marked in words.
    const sam = await signedIn('Sam Hughes', `/escalations/${secret.id}`);
    expect(squash(await sam.page.locator('#escalation > p').first().innerText())).toBe(
      'Low Resolved Official-sensitive',
    );
    expect(await EscalationPage.at(sam, origin).accessibilityViolations()).toEqual([]);
    await chris.close();
    await sam.close();
  });

  it('changes nothing on a forged post without the form’s token', async () => {
    const e = await raised({ authority: WALSALL, title: 'Walsall forged post target' });
    const priya = await signedIn('Priya Shah', '/escalations');
    const raise = await priya.page.request.post(`${origin}/escalations`, {
      form: {
        authority: WALSALL,
        cell: 'ppe',
        title: 'Forged escalation',
        detail: 'x',
        severity: 'low',
        marking: 'OFFICIAL',
      },
      maxRedirects: 0,
    });
    const acknowledge = await priya.page.request.post(`${origin}/escalations/${e.id}`, {
      form: { action: 'acknowledge', version: String(e.version) },
      maxRedirects: 0,
    });
    expect([raise.status(), acknowledge.status()]).toEqual([403, 403]);
    expect(await acknowledge.text()).toContain('This form has expired');
    expect((await read(e.id)).version).toBe(e.version);
    const all = (await api.get(`/api/v1/escalations?authority=${WALSALL}&limit=500`)).body as {
      items: EscalationBody[];
    };
    expect(all.items.map((item) => item.title)).not.toContain('Forged escalation');
    await priya.close();
  });

  it('pages through a long list with its cursor, keeping the filter', async () => {
    for (let i = 0; i < 51; i += 1)
      await raised({ authority: DUDLEY, cell: 'food', title: `Dudley food hub ${String(i).padStart(2, '0')}` });
    const sam = await signedIn('Sam Hughes', '/escalations');
    const list = EscalationsPage.at(sam, origin);
    await list.filter({ authority: 'Dudley', cell: 'Food hubs' });
    const first = await list.titles();
    expect(first).toHaveLength(50);
    expect(first[0]).toBe('Dudley food hub 50');
    expect((await list.rows())[0]).toMatchObject({
      where: 'Food hubs, Dudley',
      severity: 'Low',
      level: 'Cell',
      status: 'Open',
    });
    await list.nextPage();
    expect(sam.page.url()).toMatch(
      new RegExp(`^${origin}/escalations\\?cell=food&authority=${DUDLEY}&cursor=[\\w-]+$`),
    );
    expect(await list.titles()).toEqual(['Dudley food hub 00']);
    expect(await list.hasNextPage()).toBe(false);
    expect(await list.accessibilityViolations()).toEqual([]);
    expect(sam.problemsOn(origin)).toEqual([]);
    await sam.close();
  });
});

/** A form the page does not offer, made up in the browser and sent as a page of Muster sends one. */
function submitMadeUpForm(person: Person, action: string, fields: Record<string, string>): Promise<FormAnswer> {
  const path = new RegExp(`^${action}$`);
  return submitForm(person.page, path, () =>
    person.page.evaluate(
      ({ to, values }) => {
        const doc = (
          globalThis as unknown as {
            document: { createElement(tag: string): FormLike; body: { append(node: unknown): void } };
          }
        ).document;
        const form = doc.createElement('form');
        form.method = 'post';
        form.action = to;
        for (const [name, value] of Object.entries(values)) {
          const input = doc.createElement('input');
          input.name = name;
          input.value = value;
          form.append(input);
        }
        doc.body.append(form);
        form.submit();
      },
      { to: action, values: fields },
    ),
  );
}

/**
 * What the browser reported that a test did not ask for: a refused form's answer (400, 403, 404, 409) is
 * logged by Chromium as a failed load, and is what the test meant to happen.
 */
function unexpected(problems: readonly string[]): string[] {
  return problems.filter(
    (problem) => !/Failed to load resource: the server responded with a status of (400|403|404|409)/.test(problem),
  );
}

interface FormLike {
  method: string;
  action: string;
  name: string;
  value: string;
  append(node: unknown): void;
  submit(): void;
}
