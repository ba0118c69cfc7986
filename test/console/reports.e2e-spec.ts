import {
  addDays,
  ConsoleBrowser,
  DailyReportsPage,
  escalationInput,
  http,
  mintToken,
  pdfPages,
  regionDay,
  ReportPage,
  SignInPage,
  startConsoleStack,
  stopAll,
  type ConsoleStack,
  type HttpClient,
  type Person,
} from '@muster/testing';
import { decisionBody, SANDWELL } from '@muster/builders';

const AUTHORITIES = ['E08000025', 'E08000026', 'E08000027', SANDWELL, 'E08000029', 'E08000030', 'E08000031'];
const SECRET_DECISION = 'Move gowns to Oak Lodge care home';
const SECRET_ESCALATION = 'Oak Lodge care home has no FFP3 masks';
const dayText = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/**
 * The mayor's office's morning in real Chromium against the real api, worker, PostgreSQL, Redis and
 * sign-in service: Alex Morgan reads yesterday's report, prints it to PDF (the marking at the top and
 * bottom of every page, no empty first page), follows its links and reads the weekly briefing; an
 * uncleared reader's report pages never hold a sensitive item, and a cleared reader's print says
 * OFFICIAL-SENSITIVE on every page.
 */
describe('the daily report and the weekly briefing in the browser', () => {
  let stack: ConsoleStack;
  let browser: ConsoleBrowser;
  let origin: string;
  let api: HttpClient;
  const today = regionDay(new Date());
  const yesterday = addDays(today, -1);

  beforeAll(async () => {
    stack = await startConsoleStack();
    origin = stack.api.url;
    browser = await ConsoleBrowser.launch();
    api = http(origin, await mintToken({ roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' }));
    for (const [i, authority] of AUTHORITIES.entries()) {
      for (const [cell, figures] of Object.entries({
        ppe: { ffp3_masks_days: 2 + i, gloves_days: 9 - i, ffp3_masks_stock: 1_000 * (i + 1) },
        food: { hubs_open: 1 + i, parcels_delivered: 100 + 10 * i },
        homelessness: { sleeping_rough: 5 * i, bed_spaces_free: 30 - i },
        shielding: { people_shielding: 400 + i, not_reached: 20 * i },
      })) {
        expect((await api.put(`/api/v1/cells/${cell}/sitreps/${authority}/${yesterday}`, { figures })).status).toBe(
          200,
        );
      }
    }
    // Today's sensitive items, on today's report only (a report tells of what happened on its day).
    expect(
      (
        await api.post(
          '/api/v1/cells/ppe/decisions',
          decisionBody(SECRET_DECISION, { marking: 'OFFICIAL-SENSITIVE', authorities: [SANDWELL] }),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await api.post(
          '/api/v1/escalations',
          escalationInput({ authority: SANDWELL, title: SECRET_ESCALATION, marking: 'OFFICIAL-SENSITIVE' }),
        )
      ).status,
    ).toBe(201);
    expect(
      (await api.post('/api/v1/cells/food/decisions', decisionBody('Open a second food hub in Walsall'))).status,
    ).toBe(201);
    for (const day of [yesterday, today]) expect((await api.post(`/api/v1/feeds/daily/${day}`)).status).toBe(201);
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

  it('Alex Morgan reads yesterday’s report, prints it with the marking on every page, follows its links and reads the weekly briefing', async () => {
    const person = await signedIn('Alex Morgan', '/feeds/daily');
    const list = new DailyReportsPage(person, origin);
    expect(await list.heading()).toBe('Daily reports');
    expect(await list.days()).toEqual([dayText(today), dayText(yesterday)]);
    expect(await list.accessibilityViolations()).toEqual([]);

    const report = await list.open(dayText(yesterday));
    expect(person.page.url()).toBe(`${origin}/feeds/daily/${yesterday}`);
    expect(await report.heading()).toBe(`Daily situation report: ${dayText(yesterday)}`);
    expect(await report.title()).toBe(`Daily report, ${dayText(yesterday)} – Muster`);
    expect(await report.markings()).toEqual(['OFFICIAL', 'OFFICIAL']);
    expect(await report.accessibilityViolations()).toEqual([]);

    const printed = await pdfPages(await report.printed());
    expect(printed.length).toBeGreaterThan(1);
    // No empty first page: the report starts on it.
    expect(printed[0]?.text).toContain(`Daily situation report: ${dayText(yesterday)}`);
    expect(printed.map((page) => ({ top: page.top, bottom: page.bottom }))).toEqual(
      printed.map(() => ({ top: ['OFFICIAL'], bottom: ['OFFICIAL'] })),
    );
    expect(printed.every((page) => page.text.replace(/OFFICIAL/g, '').trim().length > 0)).toBe(true);

    // Every link opens for her, signed in: console pages built from PUBLIC_URL, none a bearer-only API route.
    const links = await report.links();
    expect(links).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${origin}/\\?at=\\d+$`)),
        expect.stringMatching(new RegExp(`^${origin}/feeds/weekly/\\d{4}-W\\d\\d$`)),
      ]),
    );
    expect(links.filter((link) => link.includes('/api/'))).toEqual([]);
    for (const link of links) {
      // A decision's link goes on (303) to the log's page that begins with it.
      const opened = await person.context.request.get(link);
      if (link.includes('/decisions/')) expect(opened.url()).toMatch(new RegExp(`^${origin}/cells/food\\?after=\\d+$`));
      expect({ link, status: opened.status() }).toEqual({ link, status: 200 });
    }

    const weeklyLink = links.find((link) => link.includes('/feeds/weekly/')) ?? '';
    await person.page.goto(weeklyLink);
    const weekly = ReportPage.at(person, origin);
    expect(await weekly.heading()).toMatch(/^Weekly briefing: week \d+, \d{4}$/);
    expect(await weekly.markings()).toEqual(['OFFICIAL', 'OFFICIAL']);
    expect(await weekly.text()).toContain('FFP3 masks: days of supply');
    expect(await weekly.accessibilityViolations()).toEqual([]);
    for (const link of (await weekly.links()).filter((l) => l.includes('/feeds/daily/'))) {
      expect({ link, status: (await person.context.request.get(link)).status() }).toEqual({ link, status: 200 });
    }
    const weeklyPrint = await pdfPages(await weekly.printed());
    expect(weeklyPrint.map((page) => [page.top, page.bottom])).toEqual(
      weeklyPrint.map(() => [['OFFICIAL'], ['OFFICIAL']]),
    );
    expect(weekly.problems()).toEqual([]);
    await person.close();
  });

  it('never shows an uncleared reader a sensitive item, on the page or on paper; a cleared reader’s print is OFFICIAL-SENSITIVE on every page', async () => {
    const alex = await signedIn('Alex Morgan', `/feeds/daily/${today}`);
    const uncleared = ReportPage.at(alex, origin);
    expect(await uncleared.markings()).toEqual(['OFFICIAL', 'OFFICIAL']);
    expect(await uncleared.text()).toContain('Open a second food hub in Walsall');
    const printedForAlex = await pdfPages(await uncleared.printed());
    for (const page of [await alex.page.content(), ...printedForAlex.map((p) => p.text)]) {
      expect(page).not.toContain('Oak Lodge');
    }
    await alex.page.goto(`${origin}/feeds/weekly/${regionWeek(today)}`);
    expect(await alex.page.content()).not.toContain('Oak Lodge');
    expect(await ReportPage.at(alex, origin).accessibilityViolations()).toEqual([]);
    await alex.close();

    const sam = await signedIn('Sam Hughes', `/feeds/daily/${today}`);
    const cleared = ReportPage.at(sam, origin);
    expect(await cleared.markings()).toEqual(['OFFICIAL-SENSITIVE', 'OFFICIAL-SENSITIVE']);
    expect(await cleared.text()).toContain(SECRET_DECISION);
    const printedForSam = await pdfPages(await cleared.printed());
    expect(printedForSam.map((p) => [p.top, p.bottom])).toEqual(
      printedForSam.map(() => [['OFFICIAL-SENSITIVE'], ['OFFICIAL-SENSITIVE']]),
    );
    expect(await cleared.accessibilityViolations()).toEqual([]);
    await sam.close();
  });

  it('is for those who read the feeds: an authority officer is refused', async () => {
    const jas = await signedIn('Jas Kaur', `/feeds/daily/${yesterday}`);
    expect(await ReportPage.at(jas, origin).heading()).toBe('You cannot see this page');
    await jas.close();
  });
});

/** ISO 8601 week (`2026-W47`) of a day. */
function regionWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const week = Math.ceil(((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
