import {
  CellLogPage,
  ConsoleBrowser,
  http,
  mintToken,
  PackPage,
  SignInPage,
  startConsoleStack,
  stopAll,
  withDb,
  type ConsoleStack,
  type HttpClient,
  type PdfPage,
  type Person,
} from '@muster/testing';
import { decisionBody, SANDWELL } from '@muster/builders';

const SECRET = 'Oak Lodge care home outbreak';

/**
 * What a cell's log gives out, in real Chromium against the real stack: verify and the export downloads
 * (the API's query, so its access audit), the printable pack printed to PDF (the marking at the top and
 * bottom of every page, no empty first page), and need to know on the page, the export and the pack.
 */
describe('a cell’s decision log: verify, export and the printable pack', () => {
  let stack: ConsoleStack;
  let browser: ConsoleBrowser;
  let origin: string;
  let api: HttpClient;
  let today: string;

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
    // Enough entries, with long enough texts, for the pack to run to several printed pages.
    const long =
      'The figures were read with each authority’s lead in turn, and their stock checked against the morning returns. '.repeat(
        4,
      );
    for (let i = 1; i <= 10; i += 1) {
      const logged = await api.post(
        '/api/v1/cells/ppe/decisions',
        decisionBody(`Routine decision ${i}`, { rationale: long, informationAvailable: long }),
      );
      expect(logged.status).toBe(201);
    }
    const secret = await api.post(
      '/api/v1/cells/ppe/decisions',
      decisionBody(SECRET, { marking: 'OFFICIAL-SENSITIVE', authorities: [SANDWELL] }),
    );
    expect(secret.status).toBe(201);
    const first = (await api.get('/api/v1/cells/ppe/decisions?limit=1')).body as {
      items: Array<{ id: string; recordedAt: string }>;
    };
    const amended = await api.post(`/api/v1/cells/ppe/decisions/${String(first.items[0]?.id)}/amendments`, {
      reason: 'Typo in the title',
      changes: { title: 'Routine decision one' },
    });
    expect(amended.status).toBe(201);
    today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
      new Date(first.items[0]?.recordedAt ?? Date.now()),
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

  /** What is printed in the top and bottom margins of each page (A4 with 20 mm margins: 6.7% of the height). */
  const margins = (pages: PdfPage[]) =>
    pages.map((page) => ({
      top: page.items.filter((item) => item.fromTop < 0.06).map((item) => item.text),
      bottom: page.items.filter((item) => item.fromTop > 0.95).map((item) => item.text),
    }));

  it('verifies the log and says so plainly, with the head hash the API gives', async () => {
    const person = await signedInAs('Sam Hughes', '/cells/ppe');
    const verdict = await CellLogPage.at(person, origin).verify();
    const api_ = (await api.get('/api/v1/cells/ppe/decisions/verify')).body as { head: string; entries: number };
    expect(verdict.heading).toBe('The decision log is intact');
    expect(verdict.lines).toEqual([
      'Every entry’s hash matches its content and the entry before it: nothing has been altered, removed or reordered.',
      `${api_.entries} entries you may see were checked.`,
      `Head hash: ${api_.head}`,
    ]);
    expect(await CellLogPage.at(person, origin).accessibilityViolations()).toEqual([]);
    await person.close();
  });

  it('takes a link to one decision to the log’s page that begins with it, and refuses one the reader may not see', async () => {
    const log = (await api.get('/api/v1/cells/ppe/decisions?limit=100')).body as {
      items: Array<{ id: string; sequence: number; title: string; marking: string }>;
    };
    const seventh = log.items.find((item) => item.title === 'Routine decision 7');
    const secret = log.items.find((item) => item.marking === 'OFFICIAL-SENSITIVE');
    const sam = await signedInAs('Sam Hughes', '/cells/ppe');
    await sam.page.goto(`${origin}/cells/ppe/decisions/${String(seventh?.id)}`);
    expect(sam.page.url()).toBe(
      `${origin}/cells/ppe?after=${(seventh?.sequence ?? 0) - 1}#entry-${String(seventh?.sequence)}`,
    );
    expect(await sam.page.locator(`#entry-${String(seventh?.sequence)}`).innerText()).toContain('Routine decision 7');
    await sam.close();
    const tom = await signedInAs('Tom Evans', '/cells/ppe');
    const refused = await tom.page.goto(`${origin}/cells/ppe/decisions/${String(secret?.id)}`);
    expect(refused?.status()).toBe(404);
    expect(await tom.page.content()).not.toContain(SECRET);
    await tom.close();
  });

  it('downloads the export as JSON Lines and CSV, the API’s own, as an attachment no cache keeps, on the access audit', async () => {
    const person = await signedInAs('Sam Hughes', '/cells/ppe');
    const log = CellLogPage.at(person, origin);
    const since = new Date().toISOString();
    for (const [format, file, type] of [
      ['JSON Lines', 'decision-log-ppe.jsonl', 'jsonl'],
      ['CSV', 'decision-log-ppe.csv', 'csv'],
    ] as const) {
      const { filename, text } = await log.download(format);
      expect(filename).toBe(file);
      const fromApi = await fetch(`${origin}/api/v1/cells/ppe/decisions/export?format=${type}`, {
        headers: {
          authorization: `Bearer ${await mintToken({ roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' })}`,
        },
      });
      expect(text).toBe(await fromApi.text());
      expect(text).toContain(SECRET);
    }
    const response = await person.page.request.get(`${origin}/cells/ppe/export?format=csv`);
    expect(response.headers()).toMatchObject({
      'content-disposition': 'attachment; filename="decision-log-ppe.csv"',
      'cache-control': 'no-store',
      'content-type': 'text/csv; charset=utf-8',
    });
    // The console's export is the API's query: the sensitive entry it gave Sam is on record.
    const admin = api.as(await mintToken({ roles: ['admin'], clearance: 'OFFICIAL-SENSITIVE' }));
    const audit = await admin.get(`/api/v1/admin/access-audit?from=${encodeURIComponent(since)}&format=jsonl`);
    const rows = String(audit.body)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { sub: string; action: string; marking: string });
    expect(
      rows.filter((row) => row.sub === 'dev-regional-coordinator' && row.action === 'decision.export'),
    ).toHaveLength(3);
    await person.close();
  });

  it('prints the pack with the marking at the top and bottom of every page and no empty first page', async () => {
    const person = await signedInAs('Sam Hughes', '/cells/ppe');
    await CellLogPage.at(person, origin).openPack(today, today);
    expect(person.page.url()).toBe(`${origin}/cells/ppe/pack?from=${today}&to=${today}`);
    const pack = new PackPage(person, origin);
    expect(await pack.heading()).toBe('PPE: decision log');
    const text = await pack.text();
    expect(text).toContain(SECRET);
    expect(text).toContain('Amended: as first recorded and as it reads now');
    expect(await pack.accessibilityViolations()).toEqual([]);

    const pages = await pack.printedPages();
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]?.text).toContain('PPE: decision log');
    expect(pages[0]?.text).toContain('1. Routine decision one');
    expect(margins(pages)).toEqual(pages.map(() => ({ top: ['OFFICIAL-SENSITIVE'], bottom: ['OFFICIAL-SENSITIVE'] })));
    expect(pack.problems()).toEqual([]);
    await person.close();
  });

  it('never shows an uncleared member or coordinator a sensitive entry: not on the cell page, in the export or in the pack', async () => {
    const member = await signedInAs('Tom Evans', '/cells/ppe');
    const log = CellLogPage.at(member, origin);
    expect(await log.logText()).toContain('Routine decision 2');
    expect(await member.page.content()).not.toContain('Oak Lodge');
    // A member reads the log but does not export it.
    expect(await member.page.getByRole('link', { name: 'Download as CSV' }).count()).toBe(0);
    const refused = await member.page.request.get(`${origin}/cells/ppe/export?format=jsonl`);
    expect(refused.status()).toBe(403);
    expect(await refused.text()).not.toContain('Oak Lodge');
    await member.page.goto(`${origin}/cells/ppe/pack?from=${today}&to=${today}`);
    const memberPack = new PackPage(member, origin);
    expect(await memberPack.text()).not.toContain('Oak Lodge');
    const pages = await memberPack.printedPages();
    expect(pages.map((page) => page.text).join(' ')).not.toContain('Oak Lodge');
    // Only OFFICIAL entries in it: it is marked OFFICIAL.
    expect(margins(pages)).toEqual(pages.map(() => ({ top: ['OFFICIAL'], bottom: ['OFFICIAL'] })));
    await member.close();

    const uncleared = await signedInAs('Chris Lee', '/cells/ppe');
    const { text: exported } = await CellLogPage.at(uncleared, origin).download('JSON Lines');
    expect(exported).toContain('Routine decision 3');
    expect(exported).not.toContain('Oak Lodge');
    await uncleared.page.goto(`${origin}/cells/ppe/pack?from=${today}&to=${today}`);
    expect(await new PackPage(uncleared, origin).text()).not.toContain('Oak Lodge');
    await uncleared.close();
  });

  it('says where a tampered log first breaks', async () => {
    await withDb(stack.db.url, async (pg) => {
      await pg.query('SET session_replication_role = replica');
      const changed = await pg.query(
        `UPDATE decision_log_entry SET body = jsonb_set(body, '{record,title}', to_jsonb('A quietly different title'::text)) WHERE cell = 'ppe' AND sequence = 3`,
      );
      expect(changed.rowCount).toBe(1);
    });
    const person = await signedInAs('Sam Hughes', '/cells/ppe');
    const verdict = await CellLogPage.at(person, origin).verify();
    expect(verdict.heading).toBe('The decision log has been tampered with');
    expect(verdict.lines[0]).toBe(
      'Entry 3 is the first that does not match: it, or an entry before it, has been altered, removed or reordered.',
    );
    expect(await CellLogPage.at(person, origin).accessibilityViolations()).toEqual([]);
    await person.close();
  });
});
