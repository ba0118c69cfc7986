import type { Role } from '@muster/contracts';
import {
  connectLive,
  createTestDatabase,
  http,
  mintToken,
  startApi,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  type ApiHandle,
  type HttpClient,
  type HttpResponse,
  type LiveClient,
  type LiveEvent,
  type TestDatabase,
} from '@muster/testing';
import { BIRMINGHAM, COVENTRY, decisionBody } from '@muster/builders';

/**
 * Need to know: an OFFICIAL-SENSITIVE decision reaches only cleared callers who are regional or admin, in its
 * cell, or officers of one of its authorities - and the same rule holds for the list, get, export, live
 * events and live replay alike.
 *
 * Live negative assertions use a marker: an OFFICIAL decision logged after the sensitive ones, on topics every
 * socket here has joined. Delivery to a socket is in `seq` order, so once the marker is in, an earlier
 * sensitive event that was going to arrive has; QUIET_MS more is waited once as a margin.
 */

const QUIET_MS = 300;
const SENSITIVE = 'OFFICIAL-SENSITIVE';

interface Logged {
  id: string;
  sequence: number;
}

interface Entry {
  id: string;
  kind: 'decision' | 'amendment';
  marking: string;
  amends?: string;
}

interface Page {
  items: Entry[];
  nextAfter: number | null;
}

type Who =
  'officer' | 'clearedOfficer' | 'clearedPpeMember' | 'clearedMayor' | 'clearedRegional' | 'ppeLead' | 'clearedPpeLead';

const PRINCIPALS: Record<Who, { roles: Role[]; cells?: string[]; authority?: string; cleared: boolean }> = {
  officer: { roles: ['authority-officer'], authority: BIRMINGHAM, cleared: false },
  clearedOfficer: { roles: ['authority-officer'], authority: BIRMINGHAM, cleared: true },
  clearedPpeMember: { roles: ['cell-member'], cells: ['ppe'], cleared: true },
  clearedMayor: { roles: ['mayors-office'], cleared: true },
  clearedRegional: { roles: ['regional-coordinator'], cleared: true },
  ppeLead: { roles: ['cell-lead'], cells: ['ppe'], cleared: false },
  clearedPpeLead: { roles: ['cell-lead'], cells: ['ppe'], cleared: true },
};

/** The topics each socket asks for; the ones it may not join come back refused. */
const TOPICS: Partial<Record<Who, { ask: string[]; refused: string[] }>> = {
  officer: {
    ask: ['region', `authority:${BIRMINGHAM}`, `authority:${COVENTRY}`, 'cell:ppe'],
    refused: [`authority:${COVENTRY}`, 'cell:ppe'],
  },
  clearedOfficer: {
    ask: ['region', `authority:${BIRMINGHAM}`, `authority:${COVENTRY}`],
    refused: [`authority:${COVENTRY}`],
  },
  clearedPpeMember: { ask: ['region', 'cell:ppe', 'cell:food'], refused: ['cell:food'] },
  clearedMayor: {
    ask: ['region', 'cell:ppe', 'cell:food', `authority:${BIRMINGHAM}`, `authority:${COVENTRY}`, 'feed'],
    refused: [],
  },
  clearedRegional: {
    ask: ['region', 'cell:ppe', 'cell:food', `authority:${BIRMINGHAM}`, `authority:${COVENTRY}`],
    refused: [],
  },
};

const decision = (title: string, marking: string, authorities: string[]) =>
  decisionBody(title, { marking, authorities });

const idOf = (event: LiveEvent): string => (event.data as { id: string }).id;
const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

describe('need to know across list, get, export and live events', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  const client = {} as Record<Who, HttpClient>;
  const tokens = {} as Record<Who, string>;
  const sockets: Partial<Record<Who, LiveClient>> = {};
  const opened: LiveClient[] = [];

  // What is logged, by the cleared regional coordinator.
  let ppeBirmingham: Logged; // sensitive, ppe, E08000025
  let ppeCoventry: Logged; // sensitive, ppe, E08000026
  let foodCoventry: Logged; // sensitive, food, E08000026
  let foodBirmingham: Logged; // sensitive, food, E08000025
  let ppeBirminghamAmendment: Logged; // sensitive (inherits the marking), amends ppeBirmingham
  let officialPpe: Logged; // OFFICIAL, ppe, E08000025
  let marker: Logged; // OFFICIAL, food, E08000025 and E08000026: the last event

  /** Every id each caller may see, per the rule. */
  let visible: Record<Who, string[]>;

  const log = async (cell: string, title: string, marking: string, authorities: string[]): Promise<Logged> => {
    const response = await client.clearedRegional.post(
      `/api/v1/cells/${cell}/decisions`,
      decision(title, marking, authorities),
    );
    expect(response.status).toBe(201);
    return response.body as Logged;
  };
  const listIds = async (who: Who, cell: string): Promise<string[]> => {
    const response = await client[who].get(`/api/v1/cells/${cell}/decisions?limit=500`);
    expect(response.status).toBe(200);
    return sorted((response.body as Page).items.map((item) => item.id));
  };
  const exportIds = (response: HttpResponse): string[] => {
    expect(response.status).toBe(200);
    return sorted(
      response.text
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => (JSON.parse(line) as Entry).id),
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = { databaseUrl: db.url, redisPrefix: uniqueRedisPrefix() };
    [api] = await Promise.all([startApi(options), startWorker(options)]);
    for (const [who, p] of Object.entries(PRINCIPALS) as Array<[Who, (typeof PRINCIPALS)[Who]]>) {
      const { cleared, ...claims } = p;
      tokens[who] = await mintToken({ ...claims, name: who, ...(cleared ? { clearance: SENSITIVE } : {}) });
      client[who] = http(api.url, tokens[who]);
    }

    // Sockets first: what follows is delivered to them live.
    for (const [who, topics] of Object.entries(TOPICS) as Array<[Who, { ask: string[]; refused: string[] }]>) {
      const live = await connectLive(api.url, tokens[who]);
      opened.push(live);
      const ack = await live.subscribe({ topics: topics.ask });
      expect(ack.refused.map((r) => r.topic)).toEqual(topics.refused);
      expect(ack.subscribed).toEqual(topics.ask.filter((topic) => !topics.refused.includes(topic)));
      sockets[who] = live;
    }

    ppeBirmingham = await log('ppe', 'Sensitive ppe for Birmingham', SENSITIVE, [BIRMINGHAM]);
    ppeCoventry = await log('ppe', 'Sensitive ppe for Coventry', SENSITIVE, [COVENTRY]);
    foodCoventry = await log('food', 'Sensitive food for Coventry', SENSITIVE, [COVENTRY]);
    foodBirmingham = await log('food', 'Sensitive food for Birmingham', SENSITIVE, [BIRMINGHAM]);
    const amended = await client.clearedRegional.post(`/api/v1/cells/ppe/decisions/${ppeBirmingham.id}/amendments`, {
      reason: 'Corrected site',
      changes: { decision: 'Move the stock to the second site' },
    });
    expect(amended.status).toBe(201);
    ppeBirminghamAmendment = amended.body as Logged;
    officialPpe = await log('ppe', 'Official ppe for Birmingham', 'OFFICIAL', [BIRMINGHAM]);
    marker = await log('food', 'Marker', 'OFFICIAL', [BIRMINGHAM, COVENTRY]);

    const official = [officialPpe.id, marker.id];
    const all = [
      ppeBirmingham.id,
      ppeCoventry.id,
      foodCoventry.id,
      foodBirmingham.id,
      ppeBirminghamAmendment.id,
      ...official,
    ];
    visible = {
      officer: official,
      clearedOfficer: [ppeBirmingham.id, ppeBirminghamAmendment.id, foodBirmingham.id, ...official],
      clearedPpeMember: [ppeBirmingham.id, ppeBirminghamAmendment.id, ppeCoventry.id, ...official],
      clearedMayor: official,
      clearedRegional: all,
      ppeLead: official,
      clearedPpeLead: [ppeBirmingham.id, ppeBirminghamAmendment.id, ppeCoventry.id, ...official],
    };

    await Promise.all(Object.values(sockets).map((live) => live.waitForEvent((event) => idOf(event) === marker.id)));
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  });

  afterAll(async () => {
    for (const live of opened) live.close();
    await stopAll();
    await db?.drop();
  });

  describe('live events', () => {
    it.each(Object.keys(TOPICS) as Who[])('%s receives exactly the events it may see, each once', (who) => {
      const events = sockets[who]?.events ?? [];
      expect(sorted(events.map(idOf))).toEqual(sorted(visible[who]));
      expect(new Set(events.map((event) => event.seq)).size).toBe(events.length);
    });

    it('an authority officer without clearance gets no sensitive event on any topic', () => {
      const events = sockets.officer?.events ?? [];
      expect(events.filter((event) => event.marking === SENSITIVE)).toEqual([]);
      expect(events.map(idOf)).toEqual([officialPpe.id, marker.id]);
    });

    it('a sensitive event reaches the regional coordinator once, though it is on five of its topics', () => {
      const events = sockets.clearedRegional?.events ?? [];
      expect(events.map((event) => [event.type, event.marking, idOf(event)])).toEqual([
        ['decision.logged', SENSITIVE, ppeBirmingham.id],
        ['decision.logged', SENSITIVE, ppeCoventry.id],
        ['decision.logged', SENSITIVE, foodCoventry.id],
        ['decision.logged', SENSITIVE, foodBirmingham.id],
        ['decision.amended', SENSITIVE, ppeBirminghamAmendment.id],
        ['decision.logged', 'OFFICIAL', officialPpe.id],
        ['decision.logged', 'OFFICIAL', marker.id],
      ]);
    });

    it.each(Object.keys(TOPICS) as Who[])(
      '%s replaying from after: 0 gets the same events as live, and no more',
      async (who) => {
        const topics = TOPICS[who];
        if (topics === undefined) throw new Error(`no topics for ${who}`);
        const live = await connectLive(api.url, tokens[who]);
        opened.push(live);
        const ack = await live.subscribe({ topics: topics.ask, after: 0 });
        expect(ack.refused.map((r) => r.topic)).toEqual(topics.refused);
        expect(ack.replayed).toBe(visible[who].length);
        await live.waitForEvents(visible[who].length);
        expect(live.events.map((event) => event.seq)).toEqual(sockets[who]?.events.map((event) => event.seq));
        expect(live.events.map(idOf)).toEqual(sockets[who]?.events.map(idOf));
      },
    );
  });

  describe('HTTP', () => {
    it('an authority officer without clearance: not in the list, 404 on get, cannot export', async () => {
      expect(await listIds('officer', 'ppe')).toEqual([officialPpe.id]);
      expect(await listIds('officer', 'food')).toEqual([marker.id]);
      for (const [cell, id] of [
        ['ppe', ppeBirmingham.id],
        ['ppe', ppeCoventry.id],
        ['food', foodBirmingham.id],
        ['ppe', ppeBirminghamAmendment.id],
      ] as const) {
        const response = await client.officer.get(`/api/v1/cells/${cell}/decisions/${id}`);
        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(response.text).not.toContain('Sensitive');
      }
      // The official one it may see; its amendments list holds nothing it may not.
      expect((await client.officer.get(`/api/v1/cells/ppe/decisions/${officialPpe.id}`)).status).toBe(200);
      expect((await client.officer.get('/api/v1/cells/ppe/decisions/export')).status).toBe(403);
    });

    it('a cell lead without clearance: sensitive entries are left out of the list and of both exports', async () => {
      expect(await listIds('ppeLead', 'ppe')).toEqual([officialPpe.id]);
      expect(exportIds(await client.ppeLead.get('/api/v1/cells/ppe/decisions/export'))).toEqual([officialPpe.id]);
      const csv = await client.ppeLead.get('/api/v1/cells/ppe/decisions/export?format=csv');
      expect(csv.status).toBe(200);
      const rows = csv.text.split('\r\n').filter((line) => line.length > 0);
      expect(rows).toHaveLength(2); // the header and the one OFFICIAL entry
      expect(csv.text).toContain(officialPpe.id);
      for (const id of [ppeBirmingham.id, ppeCoventry.id, ppeBirminghamAmendment.id])
        expect(csv.text).not.toContain(id);
      expect(csv.text).not.toContain('Sensitive');
      expect((await client.ppeLead.get(`/api/v1/cells/ppe/decisions/${ppeCoventry.id}`)).status).toBe(404);
    });

    it('a cleared lead of the cell exports its sensitive entries too', async () => {
      const ids = exportIds(await client.clearedPpeLead.get('/api/v1/cells/ppe/decisions/export'));
      expect(ids).toEqual(sorted([ppeBirmingham.id, ppeBirminghamAmendment.id, ppeCoventry.id, officialPpe.id]));
    });

    it("the same officer with clearance sees a sensitive decision for its authority, not one for another's", async () => {
      expect(await listIds('clearedOfficer', 'ppe')).toEqual(
        sorted([ppeBirmingham.id, ppeBirminghamAmendment.id, officialPpe.id]),
      );
      expect(await listIds('clearedOfficer', 'food')).toEqual(sorted([foodBirmingham.id, marker.id]));
      const mine = await client.clearedOfficer.get(`/api/v1/cells/ppe/decisions/${ppeBirmingham.id}`);
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({
        id: ppeBirmingham.id,
        marking: SENSITIVE,
        amendments: [{ id: ppeBirminghamAmendment.id }],
      });
      expect((await client.clearedOfficer.get(`/api/v1/cells/ppe/decisions/${ppeCoventry.id}`)).status).toBe(404);
      expect((await client.clearedOfficer.get(`/api/v1/cells/food/decisions/${foodCoventry.id}`)).status).toBe(404);
    });

    it("a cleared member of ppe sees ppe's sensitive decisions, but not food's", async () => {
      expect(await listIds('clearedPpeMember', 'ppe')).toEqual(
        sorted([ppeBirmingham.id, ppeBirminghamAmendment.id, ppeCoventry.id, officialPpe.id]),
      );
      expect((await client.clearedPpeMember.get(`/api/v1/cells/ppe/decisions/${ppeCoventry.id}`)).status).toBe(200);
      // Food is not its cell: it may not read food's log at all.
      expect((await client.clearedPpeMember.get('/api/v1/cells/food/decisions')).status).toBe(403);
      expect((await client.clearedPpeMember.get(`/api/v1/cells/food/decisions/${foodBirmingham.id}`)).status).toBe(403);
    });

    it("the mayor's office, even with clearance, does not see sensitive items", async () => {
      expect(await listIds('clearedMayor', 'ppe')).toEqual([officialPpe.id]);
      expect(await listIds('clearedMayor', 'food')).toEqual([marker.id]);
      expect((await client.clearedMayor.get(`/api/v1/cells/ppe/decisions/${ppeBirmingham.id}`)).status).toBe(404);
      expect((await client.clearedMayor.get(`/api/v1/cells/food/decisions/${foodCoventry.id}`)).status).toBe(404);
    });

    it('a cleared regional coordinator sees everything, and exports it', async () => {
      expect(await listIds('clearedRegional', 'ppe')).toEqual(
        sorted([ppeBirmingham.id, ppeBirminghamAmendment.id, ppeCoventry.id, officialPpe.id]),
      );
      expect(await listIds('clearedRegional', 'food')).toEqual(sorted([foodCoventry.id, foodBirmingham.id, marker.id]));
      for (const [cell, id] of [
        ['ppe', ppeCoventry.id],
        ['food', foodCoventry.id],
      ] as const) {
        expect((await client.clearedRegional.get(`/api/v1/cells/${cell}/decisions/${id}`)).status).toBe(200);
      }
      expect(exportIds(await client.clearedRegional.get('/api/v1/cells/food/decisions/export'))).toEqual(
        sorted([foodCoventry.id, foodBirmingham.id, marker.id]),
      );
    });
  });
});
