import {
  addDays,
  ConsoleBrowser,
  http,
  mintToken,
  regionDay,
  SignInPage,
  SitrepsPage,
  startConsoleStack,
  stopAll,
  type ConsoleStack,
  type HttpClient,
  type Person,
} from '@muster/testing';
import { SANDWELL } from '@muster/builders';

const dayText = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

interface DaySitreps {
  items: Array<{
    authority: string;
    latest: { version: number; figures: Record<string, number>; rag?: string; submittedBy: { name: string } };
    history: unknown[];
  }>;
}

/**
 * An authority officer's morning in real Chromium against the real api, worker, PostgreSQL, Redis and
 * sign-in service: Jas Kaur of Sandwell sends two cells' returns from /sitreps, one of them unchanged in
 * one click; a refused figure is shown at its field and writes nothing; a forged form changes nothing.
 */
describe('an authority officer’s returns in the browser', () => {
  let stack: ConsoleStack;
  let browser: ConsoleBrowser;
  let origin: string;
  let api: HttpClient;
  const today = regionDay(new Date());
  const yesterday = addDays(today, -1);

  const sandwellOn = async (cell: string, date: string) =>
    ((await api.get(`/api/v1/cells/${cell}/sitreps?date=${date}`)).body as DaySitreps).items.find(
      (i) => i.authority === SANDWELL,
    );

  beforeAll(async () => {
    stack = await startConsoleStack();
    origin = stack.api.url;
    browser = await ConsoleBrowser.launch();
    api = http(origin, await mintToken({ roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' }));
    // Yesterday's returns, as Sandwell sent them.
    const ppe = await api.put(`/api/v1/cells/ppe/sitreps/${SANDWELL}/${yesterday}`, {
      figures: { ffp3_masks_days: 4, gloves_days: 6, requests_outstanding: 9 },
      rag: 'amber',
    });
    const food = await api.put(`/api/v1/cells/food/sitreps/${SANDWELL}/${yesterday}`, {
      figures: { hubs_open: 3, parcels_delivered: 120 },
    });
    expect([ppe.status, food.status]).toEqual([200, 200]);
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

  it('Jas Kaur sends two cells’ returns: PPE unchanged in one click, food with a figure changed', async () => {
    const person = await signedIn('Jas Kaur', '/sitreps');
    const page = new SitrepsPage(person, origin);
    expect(await page.heading()).toBe('Returns for Sandwell');
    expect(await page.tasks()).toEqual({
      'Food hubs': expect.stringMatching(/^(Due by|Late: due by) 10:00$/),
      'Homelessness (rough sleeping)': expect.stringMatching(/^(Due by|Late: due by) 10:00$/),
      PPE: expect.stringMatching(/^(Due by|Late: due by) 10:00$/),
      Shielding: expect.stringMatching(/^(Due by|Late: due by) 10:00$/),
    });
    // The figures the board shows, each labelled with its unit and marked as carried from its day.
    expect(await page.figure('ppe', 'FFP3 masks: days of supply')).toEqual({
      value: '4',
      unit: 'days',
      hint: `Carried forward from ${dayText(yesterday)}`,
      error: '',
    });
    // A figure the cell does not carry forward is reported fresh each day.
    expect(await page.figure('ppe', 'PPE requests outstanding')).toEqual({
      value: '',
      unit: 'requests',
      hint: 'Not reported yet',
      error: '',
    });
    expect(await page.accessibilityViolations()).toEqual([]);

    expect(await page.press('ppe', 'Submit unchanged')).toBe(303);
    expect(person.page.url()).toBe(`${origin}/sitreps?authority=${SANDWELL}&sent=ppe#return-ppe`);
    expect(await page.banner()).toBe(`Success PPE return sent for ${dayText(today)} (version 1).`);
    // Today's report with yesterday's figures is a new report for today, sent by Jas.
    expect(await sandwellOn('ppe', today)).toEqual({
      authority: SANDWELL,
      latest: expect.objectContaining({
        version: 1,
        figures: { ffp3_masks_days: 4, gloves_days: 6 },
        rag: 'amber',
        submittedBy: expect.objectContaining({ name: 'Jas Kaur' }),
      }),
      history: [],
    });

    expect(await page.figure('food', 'Hubs open')).toMatchObject({
      value: '3',
      hint: `Carried forward from ${dayText(yesterday)}`,
    });
    await page.fill('food', 'Parcels delivered', '150');
    expect(await page.press('food', 'Submit return')).toBe(303);
    expect(await page.banner()).toBe(`Success Food hubs return sent for ${dayText(today)} (version 1).`);
    expect((await sandwellOn('food', today))?.latest.figures).toEqual({ hubs_open: 3, parcels_delivered: 150 });

    expect(await page.tasks()).toMatchObject({ PPE: 'Done', 'Food hubs': 'Done' });
    expect(await page.figure('ppe', 'FFP3 masks: days of supply')).toMatchObject({
      value: '4',
      hint: 'As sent for this day',
    });
    // Once the day's return is in, there is nothing left to send unchanged.
    expect(await page.buttons('ppe')).toEqual(['Submit return']);
    expect(await page.accessibilityViolations()).toEqual([]);
    expect(page.problems()).toEqual([]);
    await person.close();
  });

  it('shows a refused figure at its field with what was typed, and writes nothing', async () => {
    const before = await sandwellOn('shielding', today);
    const person = await signedIn('Jas Kaur', '/sitreps');
    const page = new SitrepsPage(person, origin);

    await page.fill('shielding', 'People shielding', '-2');
    await page.fill('shielding', 'People contacted', '40');
    expect(await page.press('shielding', 'Submit return')).toBe(400);
    expect(await page.title()).toBe('Error: Sitreps – Muster');
    expect(await page.errorSummary()).toEqual(['People shielding must not be negative']);
    expect(await page.figure('shielding', 'People shielding')).toMatchObject({
      value: '-2',
      error: 'Error: must not be negative',
    });
    expect(await page.figure('shielding', 'People contacted')).toMatchObject({ value: '40' });
    expect(await page.accessibilityViolations()).toEqual([]);

    await page.fill('shielding', 'People shielding', 'two');
    expect(await page.press('shielding', 'Submit return')).toBe(400);
    expect(await page.errorSummary()).toEqual(['People shielding must be a number, like 12 or 2.5']);
    expect(await sandwellOn('shielding', today)).toEqual(before);
    await person.close();
  });

  it('changes nothing on a forged form post without the CSRF token, even with the session cookie', async () => {
    const person = await signedIn('Jas Kaur', '/sitreps');
    const before = await sandwellOn('homelessness', today);
    const forged = await person.context.request.post(`${origin}/sitreps/homelessness`, {
      form: { authority: SANDWELL, date: today, action: 'submit', 'figures.sleeping_rough': '12' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(await sandwellOn('homelessness', today)).toEqual(before);
    await person.close();
  });

  it('lets a regional coordinator choose the authority, and refuses an officer another authority’s returns', async () => {
    const sam = await signedIn('Sam Hughes', '/sitreps');
    await sam.page.getByLabel('Authority', { exact: true }).selectOption({ label: `Sandwell (${SANDWELL})` });
    await Promise.all([
      sam.page.waitForURL(/authority=E08000028/),
      sam.page.getByRole('button', { name: 'Show its returns' }).click(),
    ]);
    const page = new SitrepsPage(sam, origin);
    expect(await page.heading()).toBe('Returns for Sandwell');
    expect(await page.tasks()).toMatchObject({ PPE: 'Done' });
    expect(await page.accessibilityViolations()).toEqual([]);
    await sam.close();

    const grace = await signedIn('Grace Okafor', `/sitreps?authority=${SANDWELL}`);
    expect(await new SitrepsPage(grace, origin).heading()).toBe('You cannot see this page');
    await grace.close();
  });
});
