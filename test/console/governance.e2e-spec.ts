import { randomUUID } from 'node:crypto';
import {
  ConsoleBrowser,
  escalationInput,
  GovernancePage,
  http,
  mintToken,
  SignInPage,
  startConsoleStack,
  stopAll,
  type ConsoleStack,
  type EscalationBody,
  type HttpClient,
  type Person,
} from '@muster/testing';
import { SANDWELL } from '@muster/builders';

/**
 * A cell's governance in real Chromium: a regional coordinator stands a cell up, is refused standing it down
 * until the handover names who takes each open item (the errors at each item's row), stands it down with
 * one, sees the handover on the governance page and the cell's page, and returns the cell to standby;
 * axe-core finds nothing on any state.
 */
describe('cell governance in the console', () => {
  let stack: ConsoleStack;
  let browser: ConsoleBrowser;
  let origin: string;
  let regional: HttpClient;
  let officer: HttpClient;
  const slug = `cg-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    stack = await startConsoleStack();
    origin = stack.api.url;
    browser = await ConsoleBrowser.launch();
    regional = http(
      origin,
      await mintToken({ sub: 'test-regional', name: 'Regional', roles: ['regional-coordinator'] }),
    );
    officer = http(origin, await mintToken({ roles: ['authority-officer'], authority: SANDWELL }));
    const created = await regional.post('/api/v1/cells', {
      slug,
      name: 'Mutual aid',
      decisionTimescaleMinutes: 60,
      figures: [{ key: 'volunteers', label: 'Volunteers', unit: 'people', carriesForward: false }],
      thresholds: [],
    });
    expect(created.status).toBe(201);
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

  it('stands up, refuses an incomplete handover at each item, stands down with one, shows it, and returns to standby', async () => {
    const sam = await signedIn('Sam Hughes', `/cells/${slug}/governance`);
    const page = new GovernancePage(sam, origin);
    expect(await page.status()).toBe('On standby');
    expect(await page.offered()).toEqual(['Stand up']);
    expect(await page.accessibilityViolations()).toEqual([]);

    expect((await page.standUp('Volunteer shortfall across the Black Country')).status).toBe(303);
    expect(await page.successBanner()).toBe('You stood the cell up');
    expect(await page.status()).toBe('Active');

    const raised = await officer.post(
      '/api/v1/escalations',
      escalationInput({ authority: SANDWELL, cell: slug, severity: 'low', title: 'No drivers for Saturday' }),
    );
    expect(raised.status).toBe(201);
    const escalation = raised.body as EscalationBody;
    const asked = await regional.post(`/api/v1/cells/${slug}/decision-requests`, {
      question: 'Hire minibuses?',
      dueInMinutes: 600,
      marking: 'OFFICIAL',
    });
    expect(asked.status).toBe(201);
    await page.visit(slug);
    expect(await page.handoverRows()).toEqual([
      'Escalation No drivers for Saturday',
      'Decision request Hire minibuses?',
    ]);
    expect(await page.accessibilityViolations()).toEqual([]);

    const refused = await page.standDown('Shortfall over', [{ role: 'Regional coordinators' }]);
    expect(refused.status).toBe(422);
    expect(await page.fieldError('role-1')).toBe(
      `Names nobody to take decision-request ${(asked.body as { id: string }).id} (Hire minibuses?)`,
    );
    expect(await page.errorSummary()).toHaveLength(1);
    expect(await page.status()).toBe('Active');
    expect(await page.accessibilityViolations()).toEqual([]);

    const down = await page.standDown('Shortfall over', [{ role: 'Regional coordinators' }, { person: 'asha-patel' }]);
    expect(down.status).toBe(303);
    expect(await page.successBanner()).toBe('You stood the cell down and recorded the handover');
    expect(await page.status()).toBe('Stood down');
    const expected = [
      {
        heading: expect.stringMatching(/^Stood down by Sam Hughes, \d\d:\d\d on /),
        items: [
          `Escalation | ${escalation.title} | Regional coordinators`,
          'Decision request | Hire minibuses? | asha-patel',
        ],
      },
    ];
    expect(await page.handovers()).toEqual(expected);
    expect(await page.offered()).toEqual(['Stand up', 'Return to standby']);
    expect(await page.accessibilityViolations()).toEqual([]);

    // The cell's own page lists its handovers too.
    await sam.page.goto(`${origin}/cells/${slug}`);
    expect(await page.handovers()).toEqual(expected);
    expect(await page.accessibilityViolations()).toEqual([]);

    await page.visit(slug);
    expect((await page.standby('Ready for a second wave')).status).toBe(303);
    expect(await page.successBanner()).toBe('You returned the cell to standby');
    expect(await page.status()).toBe('On standby');
    expect(await page.accessibilityViolations()).toEqual([]);
    await sam.close();
  });

  it('offers a cell lead no governance form, only the handovers', async () => {
    const priya = await signedIn('Priya Shah', '/cells/ppe/governance');
    const page = new GovernancePage(priya, origin);
    expect(await page.offered()).toEqual([]);
    expect(await page.handovers()).toEqual([]);
    expect(await page.accessibilityViolations()).toEqual([]);
    await priya.close();
  });
});
