import {
  CellLogPage,
  ConsoleBrowser,
  DecisionFormPage,
  DecisionRequestsPage,
  http,
  mintToken,
  SignInPage,
  startConsoleStack,
  stopAll,
  ukTime,
  waitFor,
  type ConsoleStack,
  type HttpClient,
  type Person,
} from '@muster/testing';
import { COVENTRY, SANDWELL } from '@muster/builders';

interface RequestView {
  id: string;
  question: string;
  status: string;
  decisionId?: string;
}

/**
 * A cell's decision requests in real Chromium against the real stack: an officer asks through the page,
 * a regional coordinator answers from it (a sensitive request's rule shown at the field), the list
 * followed live, need to know, and forged posts refused.
 */
describe('a cell’s decision requests in the console', () => {
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

  async function signedInAs(name: string, path: string): Promise<Person> {
    const person = await browser.person();
    await person.page.goto(`${origin}${path}`);
    await new SignInPage(person.page).continueAs(name);
    await person.page.waitForURL(`${origin}${path}`);
    return person;
  }

  async function requests(status?: string): Promise<RequestView[]> {
    const response = await api.get(
      `/api/v1/cells/ppe/decision-requests${status === undefined ? '' : `?status=${status}`}`,
    );
    return (response.body as { items: RequestView[] }).items;
  }

  it('an authority officer asks the cell for a decision through the page; a refusal shows at the field and keeps the input', async () => {
    const officer = await signedInAs('Jas Kaur', '/cells/ppe/decision-requests');
    const page = DecisionRequestsPage.at(officer, origin);
    expect(await page.heading()).toBe('PPE: decision requests');
    expect(await page.accessibilityViolations()).toEqual([]);

    await page.ask({ question: 'Can Sandwell borrow 5,000 gowns from Dudley?', marking: 'OFFICIAL' });
    expect(await page.errorSummary()).toEqual([
      'Say when the decision is needed: in a number of minutes, or by a time',
    ]);
    expect(await page.errorAt('dueInMinutes')).toBe(
      'Say when the decision is needed: in a number of minutes, or by a time',
    );
    expect(await officer.page.getByLabel('Question', { exact: true }).inputValue()).toBe(
      'Can Sandwell borrow 5,000 gowns from Dudley?',
    );
    expect(await page.title()).toBe('Error: PPE: decision requests – Muster');
    expect(await page.accessibilityViolations()).toEqual([]);

    await page.ask({
      question: 'Can Sandwell borrow 5,000 gowns from Dudley?',
      context: 'Two days of supply left',
      options: ['Borrow', 'Wait for delivery'],
      dueInMinutes: 90,
      marking: 'OFFICIAL',
    });
    expect(await page.successBanner()).toBe('Your request was sent to the cell.');
    expect(await page.titles('open')).toEqual(['Can Sandwell borrow 5,000 gowns from Dudley? Open']);
    // Asked by an officer, it is about their authority.
    expect((await requests('open')).map((r) => r.question)).toEqual(['Can Sandwell borrow 5,000 gowns from Dudley?']);
    await officer.close();
  });

  it('a regional coordinator answers a sensitive request from the requests page: the rule’s message at the marking, then answered and logged', async () => {
    const opened = await api.post('/api/v1/cells/ppe/decision-requests', {
      question: 'Close Oak Lodge to admissions?',
      options: ['Close', 'Keep open with extra PPE'],
      dueInMinutes: 60,
      marking: 'OFFICIAL-SENSITIVE',
      authority: SANDWELL,
    });
    expect(opened.status).toBe(201);
    const coordinator = await signedInAs('Sam Hughes', '/cells/ppe/decision-requests');
    const page = DecisionRequestsPage.at(coordinator, origin);
    expect(await page.titles('open')).toContain('Close Oak Lodge to admissions? Open Official-sensitive');

    const form = await page.answer('Close Oak Lodge to admissions?');
    expect(await form.heading()).toBe('Answer a decision request');
    // The answer starts as the request: its question, options, marking and authority.
    expect([
      await form.value('Title'),
      await form.optionValue(1),
      await form.optionValue(2),
      await form.checkedMarking(),
    ]).toEqual(['Close Oak Lodge to admissions?', 'Close', 'Keep open with extra PPE', 'OFFICIAL-SENSITIVE']);
    expect(await form.accessibilityViolations()).toEqual([]);
    await form.fill({
      decision: 'Close Oak Lodge to new admissions for 14 days',
      rationale: 'Outbreak control',
      informationAvailable: 'Public health advice',
      options: [{ option: 'Close', chosen: true }, { option: 'Keep open with extra PPE' }],
      marking: 'OFFICIAL',
      authorities: ['Coventry'],
    });
    await form.submit();
    const marking = 'Marking must be OFFICIAL-SENSITIVE, as the request it answers is';
    expect(await form.errorSummary()).toEqual([marking]);
    expect(await form.errorAt('marking')).toBe(marking);
    expect(await form.value('Decision')).toBe('Close Oak Lodge to new admissions for 14 days');
    expect(await form.accessibilityViolations()).toEqual([]);

    await form.fill({ marking: 'OFFICIAL-SENSITIVE' });
    await form.submit();
    const widened = `Authorities may not name ${COVENTRY}: the sensitive request it answers is not shared with it`;
    expect(await form.errorSummary()).toEqual([widened]);
    expect(await form.errorAt('authorities')).toBe(widened);
    await coordinator.page.getByRole('checkbox', { name: /^Coventry/ }).uncheck();
    await form.submit();

    expect(await page.successBanner()).toMatch(/^Request answered: the decision is entry \d+ of the log\.$/);
    expect(await page.titles('decided')).toContain('Close Oak Lodge to admissions? Decided Official-sensitive');
    const [decided] = (await requests('decided')).filter((r) => r.question === 'Close Oak Lodge to admissions?');
    expect(decided?.decisionId).toBeDefined();
    const log = await CellLogPage.visit(coordinator, origin, 'ppe');
    expect(await log.logText()).toContain('Close Oak Lodge to admissions?');
    expect(await page.accessibilityViolations()).toEqual([]);
    await coordinator.close();
  });

  it('shows a request opened elsewhere without a reload, and never an uncleared reader a sensitive one', async () => {
    const member = await signedInAs('Tom Evans', '/cells/ppe/decision-requests');
    const page = DecisionRequestsPage.at(member, origin);
    await page.waitUntilLive();
    await member.markPage();
    expect(await page.listText()).not.toContain('Oak Lodge');
    const secret = await api.post('/api/v1/cells/ppe/decision-requests', {
      question: 'Move Oak Lodge residents?',
      dueInMinutes: 30,
      marking: 'OFFICIAL-SENSITIVE',
      authority: SANDWELL,
    });
    const open = await api.post('/api/v1/cells/ppe/decision-requests', {
      question: 'Extend the hub hours?',
      dueAt: new Date(Date.now() + 3_600_000).toISOString(),
      marking: 'OFFICIAL',
    });
    expect([secret.status, open.status]).toEqual([201, 201]);
    await waitFor(async () => (await page.titles('open')).includes('Extend the hub hours? Open'), {
      timeoutMs: 5_000,
      description: 'the new request on the page',
    });
    expect(await page.waitForUpdate()).toMatch(
      /^Updated The decision requests changed at \d\d:\d\d: a decision was requested\.$/,
    );
    expect(await member.pageWasReloaded()).toBe(false);
    expect(await member.page.content()).not.toContain('Oak Lodge');
    // A member may ask, not answer.
    expect(await member.page.getByRole('link', { name: /^Answer/ }).count()).toBe(0);
    expect(await page.accessibilityViolations()).toEqual([]);
    expect(page.problems()).toEqual([]);
    await member.close();
  });

  it('refuses forged posts without the CSRF token and changes nothing: ask, answer', async () => {
    const coordinator = await signedInAs('Sam Hughes', '/cells/ppe/decision-requests');
    const before = await requests();
    const open = before.find((r) => r.status === 'open');
    const asked = await coordinator.page.request.post(`${origin}/cells/ppe/decision-requests`, {
      form: { question: 'Forged?', dueInMinutes: '30', marking: 'OFFICIAL' },
      maxRedirects: 0,
    });
    const answered = await coordinator.page.request.post(
      `${origin}/cells/ppe/decision-requests/${String(open?.id)}/answer`,
      {
        form: {
          title: 'Forged',
          decision: 'd',
          rationale: 'r',
          informationAvailable: 'i',
          'option-1': 'o',
          'option-1-chosen': 'chosen',
          decidedAt: ukTime(),
          marking: 'OFFICIAL',
        },
        maxRedirects: 0,
      },
    );
    expect([asked.status(), answered.status()]).toEqual([403, 403]);
    expect(await requests()).toEqual(before);
    await coordinator.close();
  });

  it('the answer form works without JavaScript', async () => {
    const person = await browser.person({ javaScript: false });
    await person.page.goto(`${origin}/cells/ppe/decision-requests`);
    await new SignInPage(person.page).continueAs('Priya Shah');
    await person.page.waitForURL(`${origin}/cells/ppe/decision-requests`);
    const page = DecisionRequestsPage.at(person, origin);
    const form: DecisionFormPage = await page.answer('Extend the hub hours?');
    await form.fill({
      decision: 'Open until 20:00',
      rationale: 'Demand after work',
      informationAvailable: 'Hub logs',
      options: [{ option: 'Extend', chosen: true }],
      marking: 'OFFICIAL',
    });
    await form.submit();
    expect(await page.successBanner()).toMatch(/^Request answered/);
    expect((await requests('decided')).map((r) => r.question)).toContain('Extend the hub hours?');
    await person.close();
  });
});
