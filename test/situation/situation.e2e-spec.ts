import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Role } from '@muster/contracts';
import {
  addDays,
  connectLive,
  createTestDatabase,
  eventually,
  expectedAuthorityRag,
  http,
  launchChromium,
  loadRegionFile,
  mintToken,
  regionDay,
  startApi,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  waitFor,
  worstOf,
  zonedInstant,
  type ApiHandle,
  type BoardBody,
  type BoardCellView,
  type DailyFeedBody,
  type FeedCellView,
  type HttpClient,
  type HttpResponse,
  type LiveClient,
  type LiveEvent,
  type Rag,
  type RegionCell,
  type TestDatabase,
} from '@muster/testing';
import { decisionBody } from '@muster/builders';

/*
 * Situation reports, the common picture and the mayor's daily feed, end to end against the built api and
 * worker: seven authorities report four cells over three past days (D1, D2, D3: the three days before today
 * in Europe/London, so the 10:00 cut-off has passed for all of them) with resubmissions, partial reports and
 * Walsall silent on D3; then today's reports. Every expected number is computed here from what was
 * submitted, with the region file's figures (carriesForward) and thresholds, and a few are also written out
 * by hand.
 *
 * Today's staleness depends on the wall clock (the cut-off is 10:00 London time): it is computed from the
 * time of each read, and left unasserted only when a read straddles the cut-off itself.
 */

const REGION = loadRegionFile();
const TZ = REGION.region.timeZone;
const CODES = REGION.authorities.map((a) => a.code);
const NAMES = new Map(REGION.authorities.map((a) => [a.code, a.name]));
const [BIRMINGHAM, COVENTRY, DUDLEY, SANDWELL, , WALSALL, WOLVERHAMPTON] = CODES as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];
const SENSITIVE = 'OFFICIAL-SENSITIVE';

const cellDef = (slug: string): RegionCell => {
  const cell = REGION.cells.find((c) => c.slug === slug);
  if (cell === undefined) throw new Error(`no cell ${slug} in the region file`);
  return cell;
};

/** Base value of each figure on D1 for Birmingham; authority i adds 3i (+0.1i for days), each day adds 2. */
const BASE: Record<string, Record<string, number>> = {
  homelessness: {
    sleeping_rough: 4,
    in_emergency_accommodation: 120,
    engaged_with_support: 80,
    moved_on: 5,
    bed_spaces_free: 30,
  },
  food: {
    hubs_open: 4,
    parcels_delivered: 300,
    households_supported: 900,
    requests_outstanding: 40,
    volunteers_deployed: 60,
  },
  ppe: Object.fromEntries(
    cellDef('ppe').figures.map((f) => [f.key, f.key === 'requests_outstanding' ? 12 : f.unit === 'days' ? 9 : 5000]),
  ),
  shielding: {
    people_shielding: 4000,
    contacted: 3500,
    not_reached: 300,
    doorstep_visits: 50,
    food_requests: 20,
    medicine_requests: 15,
  },
};

/** The generated figures of authority `i` for day index `d` (0 = D1 … 3 = today). */
function generated(cell: RegionCell, i: number, d: number): Record<string, number> {
  const base = BASE[cell.slug] ?? {};
  return Object.fromEntries(
    cell.figures.map((f) => [f.key, (base[f.key] ?? 0) + 3 * i + 2 * d + (f.unit === 'days' ? Math.round(i) / 10 : 0)]),
  );
}

interface Submission {
  cell: string;
  authority: string;
  date: string;
  version: number;
  figures: Record<string, number>;
  rag?: Rag;
}

interface SitrepBody {
  sitrep: Submission & { submittedBy: { sub: string }; submittedAt: string };
  activationRequestId?: string;
}

interface DaySitreps {
  date: string;
  items: Array<{ authority: string; latest: Submission; history: Submission[] }>;
}

interface ProblemBody {
  status: number;
  errors?: Array<{ path: string; message: string }>;
}

interface Logged {
  id: string;
  sequence: number;
  hash: string;
}

interface Raised {
  id: string;
  status: string;
}

interface RequestView {
  id: string;
  question: string;
  status: string;
  marking: string;
  dueAt: string;
}

function expectStatus<T>(response: HttpResponse, status: number, what: string): T {
  if (response.status !== status)
    throw new Error(`${what}: expected HTTP ${status}, got ${response.status}: ${response.text.slice(0, 1_500)}`);
  return response.body as T;
}

/** A decision body; authorities only when some are named. */
const decisionOf = (title: string, marking = 'OFFICIAL', authorities: string[] = []) =>
  decisionBody(title, { marking, ...(authorities.length > 0 && { authorities }) });

describe('situation reports, the board and the daily feed', () => {
  const TODAY = regionDay(new Date(), TZ);
  const D3 = addDays(TODAY, -1);
  const D2 = addDays(TODAY, -2);
  const D1 = addDays(TODAY, -3);
  const CUTOFF_TODAY = zonedInstant(TODAY, 10, 0, TZ);

  let db: TestDatabase;
  let api: ApiHandle;
  let regional: HttpClient; // cleared regional coordinator
  let mayor: HttpClient; // mayor's office, no clearance
  let mayorToken: string;
  let ppeLead: HttpClient;
  const officers = new Map<string, HttpClient>();
  let regionSocket: LiveClient;
  let feedSocket: LiveClient;
  const sockets: LiveClient[] = [];
  /** Every sitrep accepted, in order; what all expectations are computed from. */
  const submitted: Submission[] = [];
  /** Every feed generated, in order. */
  const generatedFeeds: Array<{ date: string; version: number }> = [];

  // ---------------------------------------------------------------------------------------------------
  // The expectations, from `submitted`

  /** What is known of one authority for one cell on `date`: the day's latest version, plus carried figures. */
  function effective(
    cell: RegionCell,
    authority: string,
    date: string,
  ): { figures: Record<string, number>; reported: boolean; own?: Rag; carried: string[] } {
    const latest = new Map<string, Submission>();
    for (const s of submitted) {
      if (s.cell !== cell.slug || s.authority !== authority || s.date > date) continue;
      const held = latest.get(s.date);
      if (held === undefined || s.version > held.version) latest.set(s.date, s);
    }
    const onDay = latest.get(date);
    const earlier = [...latest.values()].filter((s) => s.date < date).sort((a, b) => b.date.localeCompare(a.date));
    const figures: Record<string, number> = {};
    const carried: string[] = [];
    for (const f of cell.figures) {
      const own = onDay?.figures[f.key];
      if (own !== undefined) figures[f.key] = own;
      else if (f.carriesForward) {
        const from = earlier.find((s) => s.figures[f.key] !== undefined);
        if (from !== undefined) {
          figures[f.key] = from.figures[f.key] as number;
          carried.push(f.key);
        }
      }
    }
    return { figures, reported: onDay !== undefined, ...(onDay?.rag !== undefined && { own: onDay.rag }), carried };
  }

  function regionalTotal(cell: RegionCell, key: string, date: string): number | null {
    // Days of supply are not additive: the region takes its worst-off authority (`aggregate: 'min'`).
    const lowest = cell.figures.find((f) => f.key === key)?.aggregate === 'min';
    let total: number | null = null;
    for (const code of CODES) {
      const value = effective(cell, code, date).figures[key];
      if (value !== undefined) total = total === null ? value : lowest ? Math.min(total, value) : total + value;
    }
    return total;
  }

  /** The feed's cell for a past day (every cut-off passed), without its escalations, decisions and head. */
  function expectedFeedCell(
    slug: string,
    date: string,
  ): Pick<FeedCellView, 'slug' | 'rag' | 'authorities' | 'stale'> & {
    totals: Array<{ key: string; value: number | null; previous: number | null; change: number | null }>;
  } {
    const cell = cellDef(slug);
    const authorities = CODES.map((code) => {
      const e = effective(cell, code, date);
      return {
        code,
        name: NAMES.get(code) ?? code,
        rag: expectedAuthorityRag(cell, e.figures, e.own),
        stale: !e.reported,
      };
    });
    return {
      slug,
      rag: worstOf(authorities.map((a) => a.rag)),
      authorities,
      stale: authorities.filter((a) => a.stale).map((a) => a.code),
      totals: cell.figures.map(({ key }) => {
        const value = regionalTotal(cell, key, date);
        const previous = regionalTotal(cell, key, addDays(date, -1));
        return { key, value, previous, change: value !== null && previous !== null ? value - previous : null };
      }),
    };
  }

  /** Today's board row per authority; `stale` is undefined when the read straddled the cut-off. */
  function expectedBoardCell(
    cell: RegionCell,
    readFrom: Date,
    readTo: Date,
  ): {
    rag: Rag | null;
    authorities: Array<Omit<BoardCellView['authorities'][number], 'stale'> & { stale: boolean | undefined }>;
  } {
    const authorities = CODES.map((code) => {
      const e = effective(cell, code, TODAY);
      const lastReported =
        submitted
          .filter((s) => s.cell === cell.slug && s.authority === code)
          .map((s) => s.date)
          .sort()
          .at(-1) ?? null;
      const stale = e.reported ? false : readFrom >= CUTOFF_TODAY ? true : readTo < CUTOFF_TODAY ? false : undefined;
      return {
        code,
        name: NAMES.get(code) ?? code,
        rag: expectedAuthorityRag(cell, e.figures, e.own),
        stale,
        reportedFor: lastReported,
        figures: e.figures,
        carried: [...e.carried].sort(),
      };
    });
    return { rag: worstOf(authorities.map((a) => a.rag)), authorities };
  }

  function checkBoardCell(board: BoardBody, cell: RegionCell, readFrom: Date, readTo: Date): void {
    const actual = board.cells.find((c) => c.slug === cell.slug);
    if (actual === undefined) throw new Error(`the board has no cell ${cell.slug}`);
    const expected = expectedBoardCell(cell, readFrom, readTo);
    const shown = actual.authorities.map((a, i) => ({
      ...a,
      carried: [...a.carried].sort(),
      // Straddling the cut-off, either answer is right.
      stale: expected.authorities[i]?.stale === undefined ? undefined : a.stale,
    }));
    expect({ slug: actual.slug, rag: actual.rag, authorities: shown }).toEqual({ slug: cell.slug, ...expected });
  }

  // ---------------------------------------------------------------------------------------------------
  // Submitting

  async function submit(
    cell: string,
    authority: string,
    date: string,
    figures: Record<string, number>,
    rag?: Rag,
  ): Promise<SitrepBody> {
    const client = officers.get(authority);
    if (client === undefined) throw new Error(`no officer for ${authority}`);
    const body = expectStatus<SitrepBody>(
      await client.put(`/api/v1/cells/${cell}/sitreps/${authority}/${date}`, {
        figures,
        ...(rag !== undefined && { rag }),
      }),
      200,
      `sitrep ${cell}/${authority}/${date}`,
    );
    const version = submitted.filter((s) => s.cell === cell && s.authority === authority && s.date === date).length + 1;
    expect(body.sitrep).toMatchObject({ cell, authority, date, version, figures });
    submitted.push({ cell, authority, date, version, figures: { ...figures }, ...(rag !== undefined && { rag }) });
    return body;
  }

  /** A day's reports: every (cell, authority) at once, then the resubmissions, in order. */
  async function reportDay(
    date: string,
    d: number,
    plan: {
      silent?: string[];
      patch?: Array<{ cell: string; authority: string; figures?: Record<string, number>; omit?: string[]; rag?: Rag }>;
      resubmit?: Array<{ cell: string; authority: string; figures: Record<string, number>; rag?: Rag }>;
    },
  ): Promise<void> {
    const first = REGION.cells.flatMap((cell) =>
      CODES.filter((code) => !plan.silent?.includes(code)).map((code) => {
        const i = CODES.indexOf(code);
        const patch = plan.patch?.find((p) => p.cell === cell.slug && p.authority === code);
        const figures = { ...generated(cell, i, d), ...patch?.figures };
        for (const key of patch?.omit ?? []) delete figures[key];
        return { cell: cell.slug, code, figures, rag: patch?.rag };
      }),
    );
    // One at a time per (cell, authority) is all that versions need; different ones go together.
    await Promise.all(first.map((s) => submit(s.cell, s.code, date, s.figures, s.rag)));
    for (const r of plan.resubmit ?? []) {
      const i = CODES.indexOf(r.authority);
      await submit(r.cell, r.authority, date, { ...generated(cellDef(r.cell), i, d), ...r.figures }, r.rag);
    }
  }

  const getBoard = async (client: HttpClient, at?: number): Promise<BoardBody> =>
    expectStatus<BoardBody>(await client.get(`/api/v1/board${at === undefined ? '' : `?at=${at}`}`), 200, 'GET /board');

  /** Reads the board until `check` passes; returns it with when the passing read began and ended. */
  async function boardWhen(
    check: (board: BoardBody, from: Date, to: Date) => void,
    description: string,
  ): Promise<{ board: BoardBody; from: Date; to: Date }> {
    return eventually(
      async () => {
        const from = new Date();
        const board = await getBoard(regional);
        return { board, from, to: new Date() };
      },
      ({ board, from, to }) => check(board, from, to),
      { description, timeoutMs: 15_000 },
    );
  }

  async function generateFeed(date: string): Promise<DailyFeedBody> {
    const feed = expectStatus<DailyFeedBody>(
      await regional.post(`/api/v1/feeds/daily/${date}`),
      201,
      `POST /feeds/daily/${date}`,
    );
    generatedFeeds.push({ date, version: feed.version });
    return feed;
  }

  const feedCell = (feed: DailyFeedBody, slug: string): FeedCellView => {
    const cell = feed.cells.find((c) => c.slug === slug);
    if (cell === undefined) throw new Error(`feed ${feed.date} has no cell ${slug}`);
    return cell;
  };

  // ---------------------------------------------------------------------------------------------------

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = { databaseUrl: db.url, redisPrefix: uniqueRedisPrefix(), env: { WORKER_METRICS_PORT: '0' } };
    [api] = await Promise.all([startApi(options), startWorker(options)]);
    const person = async (
      name: string,
      roles: Role[],
      extra: { authority?: string; cells?: string[]; cleared?: boolean } = {},
    ) => {
      const { cleared, ...claims } = extra;
      return mintToken({ sub: name, name, roles, ...claims, ...(cleared ? { clearance: SENSITIVE } : {}) });
    };
    const regionalToken = await person('regional', ['regional-coordinator'], { cleared: true });
    regional = http(api.url, regionalToken);
    mayorToken = await person('mayor', ['mayors-office']);
    mayor = http(api.url, mayorToken);
    ppeLead = http(api.url, await person('ppe-lead', ['cell-lead'], { cells: ['ppe'] }));
    for (const code of CODES)
      officers.set(code, http(api.url, await person(`officer-${code}`, ['authority-officer'], { authority: code })));

    regionSocket = await connectLive(api.url, regionalToken);
    feedSocket = await connectLive(api.url, mayorToken);
    sockets.push(regionSocket, feedSocket);
    expect((await regionSocket.subscribe({ topics: ['region'] })).subscribed).toEqual(['region']);
    expect((await feedSocket.subscribe({ topics: ['feed'] })).subscribed).toEqual(['feed']);

    // D1: everyone, everything.
    await reportDay(D1, 0, {});
    // D2: Coventry resubmits homelessness; Walsall leaves gowns stock out (carried from D1) and is amber on
    // shielding.
    await reportDay(D2, 1, {
      patch: [
        { cell: 'homelessness', authority: COVENTRY, figures: { bed_spaces_free: 10 } },
        { cell: 'ppe', authority: WALSALL, omit: ['gowns_stock'] },
        { cell: 'shielding', authority: WALSALL, figures: { not_reached: 900 } },
      ],
      resubmit: [{ cell: 'homelessness', authority: COVENTRY, figures: { bed_spaces_free: 3, sleeping_rough: 25 } }],
    });
    // D3: Walsall silent; resubmissions by Coventry (ppe, with its own red assessment) and Wolverhampton
    // (food); Sandwell leaves two shielding figures out (one carries forward, one does not).
    await reportDay(D3, 2, {
      silent: [WALSALL],
      patch: [
        { cell: 'homelessness', authority: BIRMINGHAM, figures: { sleeping_rough: 64 } },
        { cell: 'food', authority: DUDLEY, figures: { volunteers_deployed: 40 } },
        { cell: 'ppe', authority: SANDWELL, figures: { gloves_days: 5 } },
        { cell: 'shielding', authority: SANDWELL, omit: ['people_shielding', 'doorstep_visits'] },
      ],
      resubmit: [
        { cell: 'ppe', authority: COVENTRY, figures: { ffp3_masks_days: 4, ffp3_masks_stock: 1200 }, rag: 'red' },
        {
          cell: 'food',
          authority: WOLVERHAMPTON,
          figures: { parcels_delivered: 300 + 3 * 6 + 4 + 100, requests_outstanding: 250 },
        },
      ],
    });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await stopAll();
    await db?.drop();
  });

  it('keeps every version: the latest counts and the earlier ones are in the history', async () => {
    const d2 = expectStatus<DaySitreps>(
      await regional.get(`/api/v1/cells/homelessness/sitreps?date=${D2}`),
      200,
      'sitreps D2',
    );
    expect(d2.date).toBe(D2);
    expect(d2.items).toHaveLength(7);
    const coventry = d2.items.find((item) => item.authority === COVENTRY);
    expect(coventry?.latest).toMatchObject({ version: 2, figures: { bed_spaces_free: 3, sleeping_rough: 25 } });
    expect(coventry?.history).toHaveLength(1);
    expect(coventry?.history[0]).toMatchObject({ version: 1, figures: { bed_spaces_free: 10 } });

    const d3 = expectStatus<DaySitreps>(await regional.get(`/api/v1/cells/ppe/sitreps?date=${D3}`), 200, 'sitreps D3');
    expect(d3.items.map((item) => item.authority).sort()).toEqual(CODES.filter((code) => code !== WALSALL));
    const ppeCoventry = d3.items.find((item) => item.authority === COVENTRY);
    expect(ppeCoventry?.latest).toMatchObject({ version: 2, rag: 'red', figures: { ffp3_masks_days: 4 } });
    expect(ppeCoventry?.history.map((s) => s.version)).toEqual([1]);
  });

  it('treats a repeated PUT as the same report: the version held, no new row and no event', async () => {
    // Long before the carry window, so that no feed or board this file checks sees it.
    const day = addDays(TODAY, -60);
    const SOLIHULL = CODES[4] as string;
    const solihull = officers.get(SOLIHULL) as HttpClient;
    const body = { figures: { gloves_days: 6, requests_outstanding: 3 }, narrative: 'As yesterday' };
    const first = await submit('ppe', SOLIHULL, day, { gloves_days: 6 });
    const changed = expectStatus<SitrepBody>(
      await solihull.put(`/api/v1/cells/ppe/sitreps/${SOLIHULL}/${day}`, body),
      200,
      'changed',
    );
    expect(changed.sitrep.version).toBe(first.sitrep.version + 1);
    submitted.push({
      cell: 'ppe',
      authority: SOLIHULL,
      date: day,
      version: changed.sitrep.version,
      figures: body.figures,
    });
    // The answer to the second PUT was lost, say, and the officer sends it again: nothing changes.
    const repeated = expectStatus<SitrepBody>(
      await solihull.put(`/api/v1/cells/ppe/sitreps/${SOLIHULL}/${day}`, body),
      200,
      'repeat',
    );
    expect(repeated.sitrep).toEqual(changed.sitrep);
    const reports = expectStatus<DaySitreps>(
      await regional.get(`/api/v1/cells/ppe/sitreps?date=${day}`),
      200,
      'sitreps',
    );
    const held = reports.items.find((item) => item.authority === SOLIHULL);
    expect(held?.latest).toEqual(changed.sitrep);
    expect(held?.history.map((s) => s.version)).toEqual([first.sitrep.version]);
    // (No sitrep.submitted event for the repeat: the live test at the end matches events to `submitted` exactly.)
  });

  it('refuses a bad sitrep with 400 naming each figure, and changes nothing', async () => {
    const birmingham = officers.get(BIRMINGHAM) as HttpClient;
    const before = await regional.get(`/api/v1/cells/ppe/sitreps?date=${D3}`);
    const cases: Array<{ figures: Record<string, unknown>; paths: string[] }> = [
      { figures: { ffp3_masks_day: 3 }, paths: ['figures.ffp3_masks_day'] },
      { figures: { ffp3_masks_days: 'three' }, paths: ['figures.ffp3_masks_days'] },
      { figures: { gloves_days: 8, bogus: 1, aprons_stock: '12' }, paths: ['figures.aprons_stock', 'figures.bogus'] },
    ];
    for (const { figures, paths } of cases) {
      const response = await birmingham.put(`/api/v1/cells/ppe/sitreps/${BIRMINGHAM}/${D3}`, { figures });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = response.body as ProblemBody;
      expect((problem.errors ?? []).map((e) => e.path).sort()).toEqual(paths);
    }
    // Neither someone else's authority nor the mayor's office may report.
    expect(
      (
        await (officers.get(COVENTRY) as HttpClient).put(`/api/v1/cells/ppe/sitreps/${BIRMINGHAM}/${D3}`, {
          figures: { gloves_days: 8 },
        })
      ).status,
    ).toBe(403);
    expect(
      (await mayor.put(`/api/v1/cells/ppe/sitreps/${BIRMINGHAM}/${D3}`, { figures: { gloves_days: 8 } })).status,
    ).toBe(403);

    const after = await regional.get(`/api/v1/cells/ppe/sitreps?date=${D3}`);
    expect(after.body).toEqual(before.body);
    // (No sitrep.submitted event was published for any of them: checked with the live events at the end.)
  });

  describe('the daily feeds for D2 and D3', () => {
    let d2: DailyFeedBody;
    let d3: DailyFeedBody;

    beforeAll(async () => {
      await generateFeed(D2);
      await generateFeed(D3);
      d2 = expectStatus<DailyFeedBody>(await mayor.get(`/api/v1/feeds/daily/${D2}`), 200, 'GET D2 feed');
      d3 = expectStatus<DailyFeedBody>(await mayor.get(`/api/v1/feeds/daily/${D3}`), 200, 'GET D3 feed');
    });

    it('the D3 feed has the regional totals per figure, carrying forward only what carries, and the change since D2', () => {
      expect(d3.date).toBe(D3);
      expect(d3.version).toBe(1);
      expect(d3.cells.map((c) => c.slug).sort()).toEqual(['food', 'homelessness', 'ppe', 'shielding']);
      for (const cell of REGION.cells) {
        const expected = expectedFeedCell(cell.slug, D3);
        const actual = feedCell(d3, cell.slug);
        expect(actual.totals.map((t) => t.key)).toEqual(expected.totals.map((t) => t.key));
        for (const [i, total] of actual.totals.entries()) {
          const want = expected.totals[i];
          if (want === undefined) throw new Error('missing expectation');
          for (const field of ['value', 'previous', 'change'] as const) {
            const got = total[field];
            const exp = want[field];
            if (exp === null) expect({ key: total.key, field, got }).toEqual({ key: total.key, field, got: null });
            else {
              if (got === null) throw new Error(`${cell.slug}.${total.key}.${field} is null, expected ${exp}`);
              expect(got).toBeCloseTo(exp, 6);
            }
          }
        }
      }

      // The same arithmetic written out for two figures. Parcels delivered do not carry forward: D3 is the six
      // that reported (Wolverhampton's second version), D2 all seven.
      const parcels = feedCell(d3, 'food').totals.find((t) => t.key === 'parcels_delivered');
      expect(parcels).toMatchObject({
        value: 304 * 6 + 3 * (0 + 1 + 2 + 3 + 4 + 6) + 100,
        previous: 302 * 7 + 3 * 21,
        change: 1972 - 2177,
      });
      // Gowns stock carries: Walsall's D1 figure stands for D2 (left out) and D3 (silent).
      const gowns = feedCell(d3, 'ppe').totals.find((t) => t.key === 'gowns_stock');
      expect(gowns).toMatchObject({ value: 5004 * 6 + 48 + 5015, previous: 5002 * 6 + 48 + 5015, change: 12 });
      // Sandwell left people shielding out on D3 (carried from D2) and doorstep visits (not carried).
      const shielding = feedCell(d3, 'shielding').totals;
      expect(shielding.find((t) => t.key === 'people_shielding')?.value).toBe(
        5 * 4004 + 3 * (0 + 1 + 2 + 4 + 6) + (4002 + 9) + (4002 + 15),
      );
      expect(shielding.find((t) => t.key === 'doorstep_visits')?.value).toBe(5 * 54 + 3 * (0 + 1 + 2 + 4 + 6));
    });

    it('the D3 feed has the RAGs (thresholds and own assessments, worst across authorities) and Walsall stale', () => {
      for (const cell of REGION.cells) {
        const { totals: _totals, ...expected } = expectedFeedCell(cell.slug, D3);
        const actual = feedCell(d3, cell.slug);
        expect({ slug: actual.slug, rag: actual.rag, authorities: actual.authorities, stale: actual.stale }).toEqual(
          expected,
        );
        expect(actual.status).toBe('standby');
      }
      // Written out: homelessness red by Birmingham's rough sleepers, ppe red by Coventry's own assessment
      // (its figures only say amber), food amber, shielding amber by Walsall's carried "not reached".
      expect(d3.cells.map((c) => [c.slug, c.rag]).sort()).toEqual([
        ['food', 'amber'],
        ['homelessness', 'red'],
        ['ppe', 'red'],
        ['shielding', 'amber'],
      ]);
      const ppe = feedCell(d3, 'ppe');
      expect(ppe.authorities.find((a) => a.code === COVENTRY)?.rag).toBe('red');
      expect(ppe.authorities.find((a) => a.code === SANDWELL)?.rag).toBe('amber');
      for (const cell of d3.cells) expect(cell.stale).toEqual([WALSALL]);
    });

    it('the D2 feed: nobody stale, Coventry’s second version counts', () => {
      for (const cell of REGION.cells) {
        const { totals, ...expected } = expectedFeedCell(cell.slug, D2);
        const actual = feedCell(d2, cell.slug);
        expect({ slug: actual.slug, rag: actual.rag, authorities: actual.authorities, stale: actual.stale }).toEqual(
          expected,
        );
        expect(actual.totals.map((t) => [t.key, t.value])).toEqual(
          totals.map((t) => [t.key, t.value === null ? null : expect.closeTo(t.value, 6)]),
        );
      }
      expect(feedCell(d2, 'homelessness').authorities.find((a) => a.code === COVENTRY)?.rag).toBe('red');
    });

    it('D3 has no escalations or decisions (all were made today) and the logs’ heads are at their start', () => {
      for (const cell of d3.cells) {
        expect(cell.escalations).toEqual({ opened: 0, open: 0, breached: 0, items: [] });
        expect(cell.decisions).toEqual([]);
        // The mayor's office may not see every entry of a log: it gets the head's hash, not the log's length.
        expect(cell.head).toEqual({ sequence: null, hash: '0'.repeat(64) });
      }
    });

    it('renders the printable page in headless Chromium with the figures visible', async () => {
      const browser = await launchChromium();
      const shots = await mkdtemp(path.join(tmpdir(), 'muster-feed-page-'));
      try {
        const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
        // The page needs the bearer token: the browser's own requests to the api get it added.
        await context.route(`${api.url}/**`, (route) =>
          route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${mayorToken}` } }),
        );
        const page = await context.newPage();
        const response = await page.goto(`${api.url}/api/v1/feeds/daily/${D3}`);
        expect(response?.status()).toBe(200);
        expect(response?.headers()['content-type']).toMatch(/^text\/html/);
        expect(await page.title()).toContain(D3);

        const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 });
        const row = (slug: string, label: string) =>
          page.locator(`#cell-${slug} table.totals tbody tr`, { hasText: label });
        const parcels = row('food', 'Parcels delivered');
        expect(await parcels.isVisible()).toBe(true);
        expect((await parcels.innerText()).split('\t').map((s) => s.trim())).toEqual([
          'Parcels delivered (parcels)',
          number.format(1972),
          number.format(2177),
          `−${number.format(205)}`,
        ]);
        const gowns = row('ppe', 'Gowns in stock');
        expect(await gowns.innerText()).toContain(number.format(35087));
        expect(await page.getByText(number.format(35087), { exact: true }).first().isVisible()).toBe(true);
        expect(await page.getByText(number.format(1972), { exact: true }).first().isVisible()).toBe(true);
        // RAGs and who is stale are on the page too.
        expect(await page.locator('#cell-ppe h2 .rag').innerText()).toBe('Red');
        expect(await page.locator('#cell-food h2 .rag').innerText()).toBe('Amber');
        const stale = page.locator('#cell-ppe p', { hasText: 'Not reported (stale):' });
        expect(await stale.isVisible()).toBe(true);
        expect(await stale.innerText()).toContain('Walsall');
        const bodyText = await page.locator('body').innerText();
        expect(bodyText).toContain('OFFICIAL');
        expect(bodyText).not.toContain(SENSITIVE);

        const shot = path.join(shots, `feed-${D3}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        expect((await stat(shot)).size).toBeGreaterThan(10_000);
      } finally {
        await browser.close();
        // MUSTER_TEST_KEEP_SCREENSHOTS=1 keeps it to look at (the path is printed); it is never committed.
        if (process.env['MUSTER_TEST_KEEP_SCREENSHOTS'] === '1')
          process.stderr.write(`feed page screenshot: ${shots}\n`);
        else await rm(shots, { recursive: true, force: true });
      }
    });
  });

  describe('today', () => {
    let s1: number;
    let birminghamFirst: Record<string, number>;
    let homelessDecision: Logged;
    let journalPosition: number;
    let activationRequestId: string;
    let sensitiveDecision: Logged;
    let officialPpeDecision: Logged;
    let sensitiveEscalation: Raised;
    let officialEscalation: Raised;

    const SENSITIVE_DECISION = 'Move the FFP3 reserve to Sandwell under police escort';
    const SENSITIVE_ESCALATION = 'Theft of FFP3 stock from the Sandwell depot';

    it('the board shows today’s figures, RAGs and staleness per authority, carrying forward what carries', async () => {
      // Five authorities report homelessness (Birmingham with figures of its own); Birmingham also food, amber
      // by its own assessment.
      const homelessness = cellDef('homelessness');
      birminghamFirst = { ...generated(homelessness, 0, 3), bed_spaces_free: 25, sleeping_rough: 12 };
      await Promise.all([
        submit('homelessness', BIRMINGHAM, TODAY, birminghamFirst),
        ...[COVENTRY, DUDLEY, SANDWELL, CODES[4] as string].map((code) =>
          submit('homelessness', code, TODAY, generated(homelessness, CODES.indexOf(code), 3)),
        ),
        submit('food', BIRMINGHAM, TODAY, generated(cellDef('food'), 0, 3), 'amber'),
      ]);
      const { board } = await boardWhen((b, from, to) => {
        expect(b.date).toBe(TODAY);
        for (const cell of REGION.cells) checkBoardCell(b, cell, from, to);
      }, 'the board to show today’s reports');
      s1 = board.asOf.seq;
      expect(s1).toBeGreaterThan(0);

      // Written out: Walsall (silent since D2) keeps only its carried homelessness figures and has no RAG;
      // Birmingham's food is amber by its own word; ppe figures all carried from D3.
      const row = (slug: string, code: string) =>
        board.cells.find((c) => c.slug === slug)?.authorities.find((a) => a.code === code);
      expect(row('homelessness', WALSALL)).toMatchObject({
        reportedFor: D2,
        rag: null,
        figures: { in_emergency_accommodation: 120 + 15 + 2, engaged_with_support: 80 + 15 + 2 },
      });
      expect(Object.keys(row('homelessness', WALSALL)?.figures ?? {}).sort()).toEqual([
        'engaged_with_support',
        'in_emergency_accommodation',
      ]);
      expect(row('homelessness', BIRMINGHAM)).toMatchObject({
        reportedFor: TODAY,
        rag: 'green',
        stale: false,
        figures: birminghamFirst,
        carried: [],
      });
      expect(row('food', BIRMINGHAM)).toMatchObject({ reportedFor: TODAY, rag: 'amber', stale: false });
      expect(row('ppe', COVENTRY)).toMatchObject({
        reportedFor: D3,
        rag: 'amber',
        figures: { ffp3_masks_days: 4, ffp3_masks_stock: 1200 },
      });
    });

    it('GET /board?at= shows the picture as it stood, and a decision records the position it was taken at', async () => {
      homelessDecision = expectStatus<Logged>(
        await regional.post(
          '/api/v1/cells/homelessness/decisions',
          decisionOf('Open the overflow shelter at the Council House'),
        ),
        201,
        'log decision',
      );
      const entry = expectStatus<{ journalPosition?: number }>(
        await regional.get(`/api/v1/cells/homelessness/decisions/${homelessDecision.id}`),
        200,
        'GET decision',
      );
      expect(typeof entry.journalPosition).toBe('number');
      journalPosition = entry.journalPosition as number;
      expect(journalPosition).toBeGreaterThanOrEqual(s1);

      // Birmingham resubmits: fewer beds (red) and more rough sleepers.
      const second = { ...birminghamFirst, bed_spaces_free: 4, sleeping_rough: 55 };
      const resubmitted = await submit('homelessness', BIRMINGHAM, TODAY, second);
      expect(resubmitted.sitrep.version).toBe(2);
      expect(resubmitted.activationRequestId).toBeUndefined(); // one authority under 5 beds is not two
      const { board: now } = await boardWhen(
        (b, from, to) => checkBoardCell(b, cellDef('homelessness'), from, to),
        'the board to show the resubmission',
      );
      expect(now.asOf.seq).toBeGreaterThan(journalPosition);
      const birminghamNow = now.cells
        .find((c) => c.slug === 'homelessness')
        ?.authorities.find((a) => a.code === BIRMINGHAM);
      expect(birminghamNow).toMatchObject({ figures: second, rag: 'red' });
      expect(now.cells.find((c) => c.slug === 'homelessness')?.rag).toBe('red');

      for (const at of [s1, journalPosition]) {
        const then = await getBoard(regional, at);
        expect(then.asOf.seq).toBe(at);
        expect(then.date).toBe(TODAY);
        const homelessness = then.cells.find((c) => c.slug === 'homelessness');
        expect(homelessness?.authorities.find((a) => a.code === BIRMINGHAM)).toMatchObject({
          figures: birminghamFirst,
          rag: 'green',
          reportedFor: TODAY,
        });
        // The rest of that picture: every other authority as it is now (nothing else changed since; staleness
        // is judged at each picture's own time, so it is left out).
        const others = (cell: BoardCellView | undefined) =>
          cell?.authorities.filter((a) => a.code !== BIRMINGHAM).map(({ stale: _stale, ...rest }) => rest);
        expect(others(homelessness)).toEqual(others(now.cells.find((c) => c.slug === 'homelessness')));
        expect(homelessness?.rag).toBe(worstOf(homelessness?.authorities.map((a) => a.rag) ?? []));
        expect(homelessness?.rag).not.toBe('red');
      }
    });

    it('when today’s reports meet PPE’s criteria, exactly one decision request is opened', async () => {
      const ppe = cellDef('ppe');
      const low = (code: string, days: number) => ({
        ...generated(ppe, CODES.indexOf(code), 3),
        ffp3_masks_days: days,
      });
      const first = await submit('ppe', BIRMINGHAM, TODAY, low(BIRMINGHAM, 2));
      expect(first.activationRequestId).toBeUndefined();
      const second = await submit('ppe', COVENTRY, TODAY, low(COVENTRY, 1.5));
      expect(typeof second.activationRequestId).toBe('string');
      activationRequestId = second.activationRequestId as string;
      const third = await submit('ppe', DUDLEY, TODAY, low(DUDLEY, 2.5));
      expect(third.activationRequestId).toBeUndefined();
      const again = await submit('ppe', BIRMINGHAM, TODAY, low(BIRMINGHAM, 1));
      expect(again.activationRequestId).toBeUndefined();

      const requests = expectStatus<{ items: RequestView[] }>(
        await regional.get('/api/v1/cells/ppe/decision-requests'),
        200,
        'requests',
      );
      expect(requests.items).toHaveLength(1);
      expect(requests.items[0]).toMatchObject({ id: activationRequestId, status: 'open', marking: 'OFFICIAL' });
      expect(requests.items[0]?.question.startsWith('Stand up PPE crisis governance?')).toBe(true);
      // It names the criterion and the two authorities that met it when it was asked.
      expect(requests.items[0]?.question).toContain(
        'FFP3 masks: under 3 days of supply in two or more authorities (Birmingham, Coventry)',
      );
      const open = expectStatus<{ items: RequestView[] }>(
        await regional.get('/api/v1/cells/ppe/decision-requests?status=open'),
        200,
        'open',
      );
      expect(open.items.map((r) => r.id)).toEqual([activationRequestId]);
      // Due within PPE's decision timescale (60 minutes).
      const due = Date.parse(requests.items[0]?.dueAt ?? '');
      expect(due - Date.now()).toBeLessThanOrEqual(ppe.decisionTimescaleMinutes * 60_000);
      expect(due - Date.now()).toBeGreaterThan((ppe.decisionTimescaleMinutes - 5) * 60_000);

      await boardWhen((b, from, to) => {
        checkBoardCell(b, ppe, from, to);
        expect(b.decisionRequests.map((r) => r.id)).toEqual([activationRequestId]);
      }, 'the board to show the PPE reports and the request');
    });

    it('the feed for today (the day so far): an uncleared reader sees no sensitive item anywhere, a cleared regional one does', async () => {
      sensitiveDecision = expectStatus<Logged>(
        await regional.post('/api/v1/cells/ppe/decisions', decisionOf(SENSITIVE_DECISION, SENSITIVE, [SANDWELL])),
        201,
        'sensitive decision',
      );
      officialPpeDecision = expectStatus<Logged>(
        await regional.post(
          '/api/v1/cells/ppe/decisions',
          decisionOf('Release 20,000 FFP3 masks from the regional reserve'),
        ),
        201,
        'decision',
      );
      const raise = async (title: string, authority: string, marking: string): Promise<Raised> =>
        expectStatus<Raised>(
          await regional.post('/api/v1/escalations', {
            authority,
            cell: 'ppe',
            title,
            detail: `${title}: details`,
            severity: 'low',
            marking,
          }),
          201,
          `escalation ${title}`,
        );
      sensitiveEscalation = await raise(SENSITIVE_ESCALATION, SANDWELL, SENSITIVE);
      officialEscalation = await raise('Birmingham care homes short of FFP3 masks', BIRMINGHAM, 'OFFICIAL');
      const secrets = [
        SENSITIVE_DECISION,
        SENSITIVE_ESCALATION,
        sensitiveDecision.id,
        sensitiveEscalation.id,
        sensitiveDecision.hash,
      ];

      const generatedToday = await generateFeed(TODAY);
      expect(generatedToday.date).toBe(TODAY);

      const forMayor = await mayor.get(`/api/v1/feeds/daily/${TODAY}`);
      const uncleared = expectStatus<DailyFeedBody>(forMayor, 200, 'mayor feed');
      for (const secret of secrets) expect(forMayor.text).not.toContain(secret);
      const ppeUncleared = feedCell(uncleared, 'ppe');
      expect(ppeUncleared.escalations).toMatchObject({ opened: 1, open: 1, breached: 0 });
      expect(ppeUncleared.escalations.items.map((e) => e.id)).toEqual([officialEscalation.id]);
      expect(ppeUncleared.decisions.map((d) => d.id)).toEqual([officialPpeDecision.id]);
      expect(feedCell(uncleared, 'homelessness').decisions).toEqual([
        expect.objectContaining({
          id: homelessDecision.id,
          title: 'Open the overflow shelter at the Council House',
          sequence: 1,
        }),
      ]);
      // The head's hash anchors the log for every reader; its sequence (how many entries) only for one who may see them all.
      expect(feedCell(uncleared, 'homelessness').head).toEqual({ sequence: null, hash: homelessDecision.hash });
      for (const cell of uncleared.cells.filter((c) => c.slug !== 'ppe')) expect(cell.escalations.items).toEqual([]);

      // The same for the printable page and the Atom document.
      const page = await mayor.get(`/api/v1/feeds/daily/${TODAY}`, { accept: 'text/html' });
      expect(page.status).toBe(200);
      expect(page.text).toContain('Birmingham care homes short of FFP3 masks');
      for (const secret of secrets) expect(page.text).not.toContain(secret);
      expect(page.text).not.toContain(SENSITIVE);
      const atom = await mayor.get('/api/v1/feeds/daily.atom');
      expect(atom.status).toBe(200);
      for (const secret of secrets) expect(atom.text).not.toContain(secret);

      // A cleared regional coordinator sees both, and the counts include them.
      const cleared = expectStatus<DailyFeedBody>(
        await regional.get(`/api/v1/feeds/daily/${TODAY}`),
        200,
        'regional feed',
      );
      expect(feedCell(cleared, 'homelessness').head).toEqual({ sequence: 1, hash: homelessDecision.hash });
      const ppeCleared = feedCell(cleared, 'ppe');
      expect(ppeCleared.escalations).toMatchObject({ opened: 2, open: 2, breached: 0 });
      expect(ppeCleared.escalations.items.map((e) => e.id).sort()).toEqual(
        [officialEscalation.id, sensitiveEscalation.id].sort(),
      );
      expect(ppeCleared.decisions.map((d) => d.id)).toEqual([sensitiveDecision.id, officialPpeDecision.id]);
      expect(ppeCleared.escalations.items.find((e) => e.id === sensitiveEscalation.id)).toMatchObject({
        title: SENSITIVE_ESCALATION,
        marking: SENSITIVE,
        openedToday: true,
      });
      const clearedPage = await regional.get(`/api/v1/feeds/daily/${TODAY}`, { accept: 'text/html' });
      expect(clearedPage.text).toContain(SENSITIVE_DECISION);

      // Today's figures in the feed are the board's: Birmingham's second homelessness version counts.
      const beds = feedCell(cleared, 'homelessness').totals.find((t) => t.key === 'bed_spaces_free');
      expect(beds?.value).toBe(regionalTotal(cellDef('homelessness'), 'bed_spaces_free', TODAY));
      expect(beds?.previous).toBe(regionalTotal(cellDef('homelessness'), 'bed_spaces_free', D3));

      // And the board: the mayor's office sees the official escalation but not the sensitive one.
      await eventually(
        () => getBoard(mayor),
        (b) => expect(b.escalations.map((e) => e.id)).toEqual([officialEscalation.id]),
        { description: 'the mayor’s board to show the official escalation' },
      );
      const regionalBoard = await getBoard(regional);
      expect(regionalBoard.escalations.map((e) => e.id).sort()).toEqual(
        [officialEscalation.id, sensitiveEscalation.id].sort(),
      );
    });

    it('the Atom document parses as XML with one entry per published day', async () => {
      // Regenerating D3 makes a second version: still one entry for the day.
      const again = await generateFeed(D3);
      expect(again.version).toBe(2);

      const atom = await mayor.get('/api/v1/feeds/daily.atom');
      expect(atom.status).toBe(200);
      expect(atom.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
      expect(XMLValidator.validate(atom.text)).toBe(true);
      const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' }).parse(
        atom.text,
      ) as {
        feed: { entry: Array<{ id: string; title: string | { '#text': string }; updated: string }> };
      };
      const entries = parsed.feed.entry;
      expect(entries).toHaveLength(3);
      const days = entries.map((e) => /:daily:(\d{4}-\d{2}-\d{2})$/.exec(e.id)?.[1]).sort();
      expect(days).toEqual([D2, D3, TODAY]);
      const d3Entry = entries.find((e) => e.id.endsWith(`:daily:${D3}`));
      const title = typeof d3Entry?.title === 'string' ? d3Entry.title : d3Entry?.title['#text'];
      expect(title).toContain('version 2');

      const list = expectStatus<{ items: Array<{ date: string; version: number }> }>(
        await mayor.get('/api/v1/feeds/daily'),
        200,
        'list',
      );
      expect(list.items.map((item) => [item.date, item.version])).toEqual([
        [TODAY, 1],
        [D3, 2],
        [D2, 1],
      ]);
    });

    it('governance: regional coordinators stand a cell up and down (with a handover), others get 403, wrong states 409', async () => {
      const officer = officers.get(BIRMINGHAM) as HttpClient;
      for (const client of [mayor, ppeLead, officer]) {
        expect((await client.post('/api/v1/cells/ppe/activation', { reason: 'Criteria met' })).status).toBe(403);
      }
      // Standing down a cell on standby is a conflict.
      expect((await regional.post('/api/v1/cells/ppe/stand-down', { reason: 'Nothing to stand down' })).status).toBe(
        409,
      );

      const activated = expectStatus<{
        cell: { slug: string; status: string };
        answered?: Array<{ requestId: string; decisionId: string }>;
      }>(
        await regional.post('/api/v1/cells/ppe/activation', { reason: 'FFP3 under three days in three authorities' }),
        200,
        'activation',
      );
      expect(activated.cell).toMatchObject({ slug: 'ppe', status: 'active' });
      // Standing up answers the question the criteria opened, with the decision to stand up (issue 14).
      expect(activated.answered).toEqual([{ requestId: activationRequestId, decisionId: expect.any(String) }]);
      expect(
        expectStatus<{ status: string }>(
          await regional.get(`/api/v1/cells/ppe/decision-requests/${activationRequestId}`),
          200,
          'the activation question',
        ).status,
      ).toBe('decided');
      expect((await regional.post('/api/v1/cells/ppe/activation', { reason: 'Again' })).status).toBe(409);
      expect((await ppeLead.post('/api/v1/cells/ppe/stand-down', { reason: 'Over' })).status).toBe(403);
      await boardWhen(
        (b) => expect(b.cells.find((c) => c.slug === 'ppe')?.status).toBe('active'),
        'the board to show ppe active',
      );

      const note = 'Reserve stock moved; Birmingham’s care homes still need watching.';
      // With an escalation still open, standing down needs a handover naming who takes it (issue 14).
      const unnamed = await regional.post('/api/v1/cells/ppe/stand-down', {
        reason: 'Deliveries restored',
        handoverNote: note,
      });
      expect(unnamed.status).toBe(422);
      const handover = [{ kind: 'escalation', id: officialEscalation.id, to: { role: 'regional-coordinator' } }];
      const stoodDown = expectStatus<{
        cell: { status: string };
        handover: { openEscalations: string[]; openRequests: string[]; note?: string };
      }>(
        await regional.post('/api/v1/cells/ppe/stand-down', {
          reason: 'Deliveries restored',
          handoverNote: note,
          handover,
        }),
        200,
        'stand-down',
      );
      expect(stoodDown.cell.status).toBe('stood-down');
      // The OFFICIAL open items are handed over; the sensitive escalation is not named on an OFFICIAL event.
      const items = [{ ...handover[0], title: 'Birmingham care homes short of FFP3 masks' }];
      expect(stoodDown.handover).toEqual({ openEscalations: [officialEscalation.id], openRequests: [], items, note });
      expect((await regional.post('/api/v1/cells/ppe/stand-down', { reason: 'Again' })).status).toBe(409);
      await boardWhen(
        (b) => expect(b.cells.find((c) => c.slug === 'ppe')?.status).toBe('stood-down'),
        'the board to show ppe stood down',
      );

      const activatedEvent = await regionSocket.waitForEvent((e) => e.type === 'cell.activated');
      expect(activatedEvent).toMatchObject({
        cell: 'ppe',
        marking: 'OFFICIAL',
        data: { slug: 'ppe', reason: 'FFP3 under three days in three authorities' },
      });
      const stoodDownEvent = await regionSocket.waitForEvent((e) => e.type === 'cell.stood-down');
      expect(stoodDownEvent).toMatchObject({
        cell: 'ppe',
        data: {
          slug: 'ppe',
          reason: 'Deliveries restored',
          handover: { openEscalations: [officialEscalation.id], openRequests: [], items, note },
        },
      });
      expect(JSON.stringify(stoodDownEvent)).not.toContain(sensitiveEscalation.id);
      expect(stoodDownEvent.seq).toBeGreaterThan(activatedEvent.seq);
    });

    it('a past picture keeps the cell status it had then: the board at an earlier position, a regenerated earlier day', async () => {
      const before = await getBoard(regional, s1);
      expect(before.cells.find((c) => c.slug === 'ppe')?.status).toBe('standby');
      const regenerated = await generateFeed(D3);
      expect(regenerated.version).toBe(3);
      expect(feedCell(regenerated, 'ppe').status).toBe('standby');
    });

    it('a cell created as data takes sitreps and shows on the board and in the feed without code', async () => {
      const definition = {
        slug: 'domestic-abuse',
        name: 'Domestic abuse',
        description: 'Refuge capacity and referrals.',
        decisionTimescaleMinutes: 240,
        figures: [
          { key: 'refuge_spaces_free', label: 'Refuge spaces free', unit: 'spaces', carriesForward: true },
          { key: 'referrals', label: 'Referrals', unit: 'referrals', carriesForward: false },
        ],
        thresholds: [{ figure: 'refuge_spaces_free', direction: 'lower-is-worse', red: 2, amber: 5 }],
      };
      expect((await mayor.post('/api/v1/cells', definition)).status).toBe(403);
      const created = expectStatus<{ slug: string; status: string }>(
        await regional.post('/api/v1/cells', definition),
        201,
        'POST /cells',
      );
      expect(created).toMatchObject({ slug: 'domestic-abuse', status: 'standby' });
      expect((await regional.post('/api/v1/cells', definition)).status).toBe(409);
      expect((await mayor.get('/api/v1/cells/domestic-abuse')).status).toBe(200);
      const cell: RegionCell = {
        ...definition,
        thresholds: [{ figure: 'refuge_spaces_free', direction: 'lower-is-worse', red: 2, amber: 5 }],
      };

      await submit('domestic-abuse', BIRMINGHAM, TODAY, { refuge_spaces_free: 1, referrals: 14 });
      await submit('domestic-abuse', COVENTRY, TODAY, { refuge_spaces_free: 4, referrals: 6 });
      const bad = await (officers.get(DUDLEY) as HttpClient).put(
        `/api/v1/cells/domestic-abuse/sitreps/${DUDLEY}/${TODAY}`,
        { figures: { refuges: 2 } },
      );
      expect(bad.status).toBe(400);
      expect((bad.body as ProblemBody).errors?.map((e) => e.path)).toEqual(['figures.refuges']);

      const { board } = await boardWhen(
        (b, from, to) => checkBoardCell(b, cell, from, to),
        'the board to show the new cell',
      );
      const shown = board.cells.find((c) => c.slug === 'domestic-abuse');
      expect(shown).toMatchObject({ name: 'Domestic abuse', status: 'standby', rag: 'red' });
      expect(shown?.authorities.find((a) => a.code === COVENTRY)).toMatchObject({
        rag: 'amber',
        figures: { refuge_spaces_free: 4, referrals: 6 },
      });
      expect(shown?.authorities.find((a) => a.code === DUDLEY)).toMatchObject({
        rag: null,
        reportedFor: null,
        figures: {},
      });

      const feed = await generateFeed(TODAY);
      expect(feed.version).toBe(2);
      const inFeed = feedCell(feed, 'domestic-abuse');
      expect(inFeed.rag).toBe('red');
      expect(inFeed.totals.map((t) => [t.key, t.value, t.previous, t.change])).toEqual([
        ['refuge_spaces_free', 5, null, null],
        ['referrals', 20, null, null],
      ]);
      expect(feedCell(feed, 'ppe').status).toBe('stood-down');
    });

    it('live: a sitrep.submitted for every accepted report and none for a refused one; feed.published on the feed topic', async () => {
      const key = (s: { cell: string; authority: string; date: string; version: number }) =>
        `${s.cell}/${s.authority}/${s.date}/v${s.version}`;
      const sitrepEvents = (): LiveEvent[] => regionSocket.events.filter((e) => e.type === 'sitrep.submitted');
      await waitFor(() => sitrepEvents().length >= submitted.length, {
        timeoutMs: 15_000,
        description: `${submitted.length} sitrep.submitted events`,
      });
      const seen = sitrepEvents().map((e) => {
        const data = e.data as Submission;
        expect(e).toMatchObject({ cell: data.cell, authority: data.authority, marking: 'OFFICIAL' });
        return key(data);
      });
      expect(seen.sort()).toEqual(submitted.map(key).sort());
      const one = sitrepEvents().find(
        (e) =>
          (e.data as Submission).cell === 'ppe' &&
          (e.data as Submission).authority === COVENTRY &&
          (e.data as Submission).date === D3 &&
          (e.data as Submission).version === 2,
      );
      expect(one?.data).toMatchObject({ rag: 'red', figures: { ffp3_masks_days: 4 } });

      await feedSocket.waitForEvents(generatedFeeds.length, 15_000);
      // The mayor's socket joined only `feed`: that is all it gets.
      expect(feedSocket.events.map((e) => e.type)).toEqual(generatedFeeds.map(() => 'feed.published'));
      expect(feedSocket.events.map((e) => e.data)).toEqual(
        generatedFeeds.map((f) => expect.objectContaining({ kind: 'daily', date: f.date, version: f.version })),
      );
    });
  });
});
