import {
  CellLogPage,
  ConsoleBrowser,
  DecisionFormPage,
  http,
  mintToken,
  SignInPage,
  startConsoleStack,
  stopAll,
  ukTime,
  waitFor,
  withDb,
  type ConsoleStack,
  type HttpClient,
  type Person,
} from '@muster/testing';
import { decisionBody } from '@muster/builders';

interface ListedEntry {
  sequence: number;
  kind: string;
  title?: string;
}

/**
 * A cell's decision log in real Chromium against the real api, worker, PostgreSQL, Redis and sign-in
 * service: a PPE cell lead's morning (three decisions and an amendment, signed in through the provider's
 * form), the forms without JavaScript, refusals at the field, the log followed live, and forged posts.
 */
describe('a cell’s decision log in the console', () => {
  let stack: ConsoleStack;
  let browser: ConsoleBrowser;
  let origin: string;
  let api: HttpClient;

  beforeAll(async () => {
    stack = await startConsoleStack();
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
  });

  async function signedInAs(name: string, path: string, options: { javaScript?: boolean } = {}): Promise<Person> {
    const person = await browser.person(options);
    await person.page.goto(`${origin}${path}`);
    await new SignInPage(person.page).continueAs(name);
    await person.page.waitForURL(`${origin}${path}`);
    return person;
  }

  async function logOf(cell: string): Promise<ListedEntry[]> {
    const response = await api.get(`/api/v1/cells/${cell}/decisions?limit=500`);
    return (response.body as { items: ListedEntry[] }).items;
  }

  it('a PPE cell lead signs in through the provider’s form, logs three decisions and amends one, seeing each in the log and the amendment beside the original', async () => {
    const person = await browser.person();
    await person.page.goto(`${origin}/cells/ppe`);
    await new SignInPage(person.page).signInWithForm({
      name: 'Priya Shah',
      role: 'cell-lead',
      cells: 'ppe',
      clearance: 'OFFICIAL-SENSITIVE',
    });
    await person.page.waitForURL(`${origin}/cells/ppe`);
    const log = CellLogPage.at(person, origin);
    expect(await log.heading()).toBe('PPE: decision log');
    expect(await log.title()).toBe('PPE: decision log – Muster');
    expect(await log.navigation()).toEqual([
      'Board',
      'Decision log',
      'Escalations',
      'Daily report',
      'Rotas',
      'Account',
    ]);
    expect(await log.accessibilityViolations()).toEqual([]);

    // The first: two options weighed, one chosen, an action with its owner.
    let form = await log.logADecision();
    expect(await form.heading()).toBe('Log a decision');
    expect(await form.value('Decided by')).toBe('Priya Shah');
    expect(await form.optionRows()).toBe(3);
    expect(await form.accessibilityViolations()).toEqual([]);
    await form.fill({
      title: 'Release the FFP3 reserve to Sandwell',
      decision: 'Release 20,000 FFP3 masks from the regional reserve to Sandwell care homes',
      rationale: 'Sandwell is below two days of supply',
      informationAvailable: 'This morning’s sitreps',
      risks: 'The reserve falls to four days',
      powersAndPolicy: 'Regional PPE mutual aid agreement',
      options: [
        { option: 'Release the reserve now', chosen: true, notes: 'Fastest' },
        { option: 'Wait for the national delivery', notes: 'Arrives on Thursday: too late' },
      ],
      actions: [{ action: 'Book the courier', owner: 'Jas Kaur', due: ukTime(-120) }],
      marking: 'OFFICIAL',
      authorities: ['Sandwell'],
    });
    await form.submit();
    expect(person.page.url()).toBe(`${origin}/cells/ppe?after=0&logged=1#entry-1`);
    expect(await log.successBanner()).toBe('Decision logged as entry 1.');
    const first = await log.entry(1);
    expect(first.heading).toBe('1. Release the FFP3 reserve to Sandwell');
    expect(first.rows).toMatchObject({
      Decision: 'Release 20,000 FFP3 masks from the regional reserve to Sandwell care homes',
      Options:
        'Release the reserve now (chosen): Fastest Wait for the national delivery (not chosen): Arrives on Thursday: too late',
      'Decided by': 'Priya Shah',
      Authorities: 'Sandwell',
      Marking: 'OFFICIAL',
    });
    expect(first.rows['Actions']).toMatch(/^Book the courier, owner Jas Kaur, due \d\d:\d\d on /);
    expect(first.rows['Hash']).toMatch(/^[0-9a-f]{64}$/);

    // The second, OFFICIAL-SENSITIVE.
    form = await log.logADecision();
    await form.fill({
      title: 'Oak Lodge care home: emergency supply',
      decision: 'Send a direct delivery to Oak Lodge',
      rationale: 'An outbreak was reported at 07:10',
      informationAvailable: 'Call from the care home manager',
      options: [{ option: 'Direct delivery', chosen: true }],
      marking: 'OFFICIAL-SENSITIVE',
      authorities: ['Sandwell'],
    });
    await form.submit();
    expect((await log.entry(2)).tags).toEqual(['Official-sensitive']);

    // The third is refused at first: decided 40 minutes ago without a reason for the delay.
    form = await log.logADecision();
    const late = ukTime(40);
    await form.fill({
      title: 'Open a second distribution hub',
      decision: 'Open a hub at Walsall fire station',
      rationale: 'Distance from the current hub',
      informationAvailable: 'Delivery times',
      options: [{ option: 'Walsall fire station', chosen: true }, { option: 'Stay with one hub' }],
      decidedAt: late,
      marking: 'OFFICIAL',
    });
    await form.submit();
    const message =
      'Reason for the delay is required when a decision is recorded more than 15 minutes after it was taken';
    expect(await form.title()).toBe('Error: Log a decision – Muster');
    expect(await form.errorSummary()).toEqual([message]);
    expect(await form.errorAt('delayReason')).toBe(message);
    // Everything the person typed is still there.
    expect([
      await form.value('Title'),
      await form.value('Decided at'),
      await form.optionValue(2),
      await form.checkedMarking(),
    ]).toEqual(['Open a second distribution hub', late, 'Stay with one hub', 'OFFICIAL']);
    expect(await form.accessibilityViolations()).toEqual([]);
    await form.fill({ delayReason: 'In the gold meeting until now' });
    await form.submit();
    expect(await log.successBanner()).toBe('Decision logged as entry 3.');

    // The amendment: the form shows the decision as it reads now.
    form = await log.amend(1);
    expect(await form.heading()).toBe('Amend entry 1');
    expect(await form.value('Title')).toBe('Release the FFP3 reserve to Sandwell');
    expect(await form.optionValue(2)).toBe('Wait for the national delivery');
    expect(await form.accessibilityViolations()).toEqual([]);
    await form.reason('The number of masks was wrong');
    await form.fill({ decision: 'Release 25,000 FFP3 masks from the regional reserve to Sandwell care homes' });
    await form.submit();
    expect(await log.successBanner()).toBe('Amendment logged as entry 4.');
    const amended = await log.entry(1);
    expect(amended.tags).toEqual(['Amended']);
    expect(amended.rows['Decision']).toBe('Release 25,000 FFP3 masks from the regional reserve to Sandwell care homes');
    expect(amended.changes).toEqual([
      {
        field: 'Decision',
        before: 'Release 20,000 FFP3 masks from the regional reserve to Sandwell care homes',
        after: 'Release 25,000 FFP3 masks from the regional reserve to Sandwell care homes',
        by: 'Entry 4',
      },
    ]);
    expect(amended.amendments).toEqual([
      expect.stringMatching(/^Entry 4, recorded \d\d:\d\d on .* by Priya Shah: The number of masks was wrong$/),
    ]);
    expect(await log.entry(4)).toMatchObject({
      heading: '4. Amendment to entry 1 Amendment',
      rows: expect.objectContaining({ Corrects: 'Entry 1', 'Fields changed': 'Decision' }),
    });
    expect(await log.entryHeadings()).toEqual([
      '1. Release the FFP3 reserve to Sandwell Amended',
      '2. Oak Lodge care home: emergency supply Official-sensitive',
      '3. Open a second distribution hub',
      '4. Amendment to entry 1 Amendment',
    ]);
    expect(await log.accessibilityViolations()).toEqual([]);
    // The one refusal answered as the API would (the browser reports the status); nothing else went wrong.
    expect(log.problems()).toEqual([
      `${origin}/cells/ppe/decisions: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)`,
    ]);

    // The API agrees: four entries, the fourth amending the first.
    expect((await logOf('ppe')).map((e) => [e.sequence, e.kind])).toEqual([
      [1, 'decision'],
      [2, 'decision'],
      [3, 'decision'],
      [4, 'amendment'],
    ]);
    await person.close();
  });

  it('works without JavaScript: "Add another option" posts back with the input kept, a refusal shows at the field, and the decision is logged', async () => {
    const lead = await signedInAs('Priya Shah', '/cells/ppe/decisions/new', { javaScript: false });
    const form = new DecisionFormPage(lead, origin);
    expect(await lead.page.locator('html[data-live]').count()).toBe(0);
    await form.fill({
      title: 'Buy gowns from a second supplier',
      decision: 'Place an order with the second supplier',
      rationale: 'The first supplier is late',
      informationAvailable: 'Supplier update',
      options: [{ option: 'Second supplier' }, { option: 'Wait' }, { option: 'Borrow from Coventry' }],
      marking: 'OFFICIAL',
    });
    await form.addAnotherOption();
    expect(await form.optionRows()).toBe(4);
    expect([await form.value('Title'), await form.optionValue(3)]).toEqual([
      'Buy gowns from a second supplier',
      'Borrow from Coventry',
    ]);

    // Nothing chosen yet: the rule's message is at the options.
    await form.submit();
    expect(await form.errorSummary()).toEqual(['At least one option must be chosen']);
    expect(await form.errorAt('option-1')).toBe('At least one option must be chosen');
    expect(await form.optionValue(3)).toBe('Borrow from Coventry');

    const before = (await logOf('ppe')).length;
    await form.fill({
      options: [
        { option: 'Second supplier', chosen: true },
        { option: 'Wait' },
        { option: 'Borrow from Coventry' },
        { option: 'Make our own', notes: 'Not feasible' },
      ],
    });
    await form.submit();
    const log = CellLogPage.at(lead, origin);
    expect(await log.successBanner()).toBe(`Decision logged as entry ${before + 1}.`);
    expect((await log.entry(before + 1)).rows['Options']).toBe(
      'Second supplier (chosen) Wait (not chosen) Borrow from Coventry (not chosen) Make our own (not chosen): Not feasible',
    );
    await lead.close();
  });

  it('refuses a schema break at its field as the API would, and an uncleared person’s sensitive decision, keeping what was typed', async () => {
    const person = await signedInAs('Sam Hughes', '/cells/food/decisions/new');
    const form = new DecisionFormPage(person, origin);
    await form.fill({
      title: 'x'.repeat(201),
      decision: 'd',
      rationale: 'r',
      informationAvailable: 'i',
      options: [{ option: 'o', chosen: true }],
      marking: 'OFFICIAL',
    });
    await form.submit();
    expect(await form.errorSummary()).toEqual(['Title must be at most 200 characters']);
    expect(await form.errorAt('title')).toBe('Title must be at most 200 characters');
    expect(await form.accessibilityViolations()).toEqual([]);
    // Then a domain rule, at its field.
    await form.fill({ title: 'Review the food hubs', reviewBy: ukTime(60) });
    await form.submit();
    expect(await form.errorSummary()).toEqual(['Review by must be after decidedAt']);
    expect(await form.errorAt('reviewBy')).toBe('Review by must be after decidedAt');
    expect((await logOf('food')).length).toBe(0);
    await person.close();

    const uncleared = await signedInAs('Chris Lee', '/cells/food/decisions/new');
    const refused = new DecisionFormPage(uncleared, origin);
    await refused.fill({
      title: 'Secret',
      decision: 'd',
      rationale: 'r',
      informationAvailable: 'i',
      options: [{ option: 'o', chosen: true }],
      marking: 'OFFICIAL-SENSITIVE',
    });
    const [response] = await Promise.all([
      uncleared.page.waitForResponse((r) => r.request().method() === 'POST'),
      refused.submit(),
    ]);
    expect(response.status()).toBe(403);
    expect(await refused.errorSummary()).toEqual([
      'Recording an OFFICIAL-SENSITIVE decision needs OFFICIAL-SENSITIVE clearance',
    ]);
    expect(await refused.value('Title')).toBe('Secret');
    expect((await logOf('food')).length).toBe(0);
    await uncleared.close();
  });

  it('shows a decision logged elsewhere without a reload, and says what changed', async () => {
    const person = await signedInAs('Priya Shah', '/cells/ppe');
    const log = CellLogPage.at(person, origin);
    await log.waitUntilLive();
    await person.markPage();
    expect((await api.post('/api/v1/cells/ppe/decisions', decisionBody('Extend the courier contract'))).status).toBe(
      201,
    );
    await waitFor(async () => (await log.logText()).includes('Extend the courier contract'), {
      timeoutMs: 5_000,
      description: 'the new entry on the page',
    });
    expect(await log.waitForUpdate()).toMatch(
      /^Updated The decision log changed at \d\d:\d\d: a decision was logged\.$/,
    );
    expect(await person.pageWasReloaded()).toBe(false);
    expect(await log.accessibilityViolations()).toEqual([]);
    await person.close();
  });

  it('stamps the journal rows a console form writes with the request’s correlation id, as the API’s do', async () => {
    const person = await signedInAs('Priya Shah', '/cells/ppe/decisions/new');
    const token = await person.page.locator('input[name="_csrf"]').first().inputValue();
    const fields = {
      _csrf: token,
      title: 'Traced decision',
      decision: 'd',
      rationale: 'r',
      informationAvailable: 'i',
      'option-1': 'o',
      'option-1-chosen': 'chosen',
      decidedAt: ukTime(),
      marking: 'OFFICIAL',
    };
    const posted = await person.page.request.post(`${origin}/cells/ppe/decisions`, {
      form: fields,
      headers: { 'x-correlation-id': 'console-form-0001', origin },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(303);
    const rows = await withDb(
      stack.db.url,
      async (pg) =>
        (
          await pg.query(
            `SELECT correlation_id FROM journal WHERE type = 'decision.logged' AND data->>'title' = 'Traced decision'`,
          )
        ).rows as Array<{ correlation_id: string | null }>,
    );
    expect(rows).toEqual([{ correlation_id: 'console-form-0001' }]);
    await person.close();
  });

  it('refuses a forged post without the CSRF token and changes nothing: log, amend', async () => {
    const person = await signedInAs('Priya Shah', '/cells/ppe');
    const before = await logOf('ppe');
    const first = (await api.get('/api/v1/cells/ppe/decisions?limit=1')).body as { items: Array<{ id: string }> };
    const fields = {
      title: 'Forged',
      decision: 'd',
      rationale: 'r',
      informationAvailable: 'i',
      'option-1': 'o',
      'option-1-chosen': 'chosen',
      decidedAt: ukTime(),
      marking: 'OFFICIAL',
    };
    const logged = await person.page.request.post(`${origin}/cells/ppe/decisions`, { form: fields, maxRedirects: 0 });
    const amended = await person.page.request.post(`${origin}/cells/ppe/decisions/${first.items[0]?.id}/amend`, {
      form: { ...fields, reason: 'forged' },
      maxRedirects: 0,
    });
    expect([logged.status(), amended.status()]).toEqual([403, 403]);
    expect(await logged.text()).toContain('This form has expired');
    expect(await logOf('ppe')).toEqual(before);
    await person.close();
  });
});
