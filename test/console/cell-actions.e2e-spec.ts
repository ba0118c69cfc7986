import {
  CellLogPage,
  ConsoleBrowser,
  http,
  mintToken,
  SignInPage,
  startConsoleStack,
  stopAll,
  type ConsoleStack,
  type HttpClient,
  type Person,
} from '@muster/testing';
import { decisionBody } from '@muster/builders';

/**
 * A cell's actions on its console page, in real Chromium: the table with each status, the update form for
 * those the person may update (a drop without a reason refused at the note, done accepted), and an
 * amendment that drops an action saying so beside the amendment.
 */
describe('a cell’s actions in the console', () => {
  let stack: ConsoleStack;
  let browser: ConsoleBrowser;
  let origin: string;
  let api: HttpClient;

  beforeAll(async () => {
    stack = await startConsoleStack();
    origin = stack.api.url;
    browser = await ConsoleBrowser.launch();
    api = http(origin, await mintToken({ sub: 'test-regional', name: 'Regional', roles: ['regional-coordinator'] }));
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

  it('lists the actions, lets the lead update them, refuses a drop without a reason, and shows an amendment’s drops', async () => {
    const due = new Date(Date.now() + 3_600_000).toISOString();
    const logged = await api.post(
      '/api/v1/cells/ppe/decisions',
      decisionBody('Release the reserve to Sandwell', {
        actions: [
          { action: 'Arrange courier', owner: 'Courier Co', due },
          { action: 'Count the stock', owner: 'Stores' },
        ],
      }),
    );
    expect(logged.status).toBe(201);
    const decisionId = (logged.body as { id: string }).id;

    const person = await signedInAs('Priya Shah', '/cells/ppe');
    let page = CellLogPage.at(person, origin);
    // One decision's actions are listed in the order it gave them.
    const shown = () => page.actions();
    expect((await shown()).map((a) => [a.action, a.owner, a.status])).toEqual([
      ['Arrange courier', 'Courier Co', 'Open'],
      ['Count the stock', 'Stores', 'Open'],
    ]);
    expect(await page.updatable()).toEqual(['Arrange courier', 'Count the stock']);
    expect(await page.accessibilityViolations()).toEqual([]);

    await page.updateAction('Arrange courier', 'Dropped');
    page = CellLogPage.at(person, origin);
    expect(await page.errorSummary()).toEqual(['Note is required to drop an action: say why']);
    expect(await page.accessibilityViolations()).toEqual([]);

    await page.updateAction('Arrange courier', 'Done', 'Booked for 14:00');
    page = CellLogPage.at(person, origin);
    expect(await page.successBanner()).toBe('Action updated.');
    expect((await shown()).map((a) => a.status)).toEqual(['Done', 'Open']);
    expect(await page.updatable()).toEqual(['Count the stock']);

    const amended = await api.post(`/api/v1/cells/ppe/decisions/${decisionId}/amendments`, {
      reason: 'Stock counted nationally',
      changes: { actions: [{ action: 'Arrange courier', owner: 'Courier Co', due }] },
    });
    expect(amended.status).toBe(201);
    page = await CellLogPage.visit(person, origin, 'ppe');
    expect((await shown()).map((a) => [a.action, a.status])).toEqual([
      // Each with its latest note: the owner's, and the amendment's reason for the drop.
      ['Arrange courier Booked for 14:00', 'Done'],
      ['Count the stock Stock counted nationally', 'Dropped'],
    ]);
    const amendment = await page.entry((amended.body as { sequence: number }).sequence);
    expect(amendment.rows['Actions dropped']).toBe('Count the stock, owner Stores');
  });
});
