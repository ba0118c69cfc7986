import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  escalationInput,
  expectStatus,
  freePort,
  http,
  mintToken,
  regionDay,
  sample,
  scrape,
  startApi,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  waitFor,
  withDb,
  type ApiHandle,
  type HttpClient,
  type Samples,
  type TestDatabase,
} from '@muster/testing';
import { BIRMINGHAM, decisionBody } from '@muster/builders';

/**
 * Domain metrics against the real api and worker: do things, scrape both `/metrics`, and find each counter
 * moved by exactly what was done. The worker counts the events its relay published (read from the journal
 * once the relay's checkpoint has passed them all) and reads escalations and the relay lag from PostgreSQL.
 */

const PER_TOKEN = 20;

/** Waits for the relay to have published every committed row, then gives the last position. */
async function caughtUp(databaseUrl: string): Promise<number> {
  await waitFor(
    () =>
      withDb(databaseUrl, async (client) => {
        const { rows } = await client.query<{ caught_up: boolean }>(
          `SELECT NOT EXISTS (SELECT 1 FROM journal WHERE seq IS NULL)
              AND (SELECT published FROM relay_state WHERE name = 'live') = (SELECT coalesce(max(seq), 0) FROM journal) AS caught_up`,
        );
        return rows[0]?.caught_up === true;
      }),
    { timeoutMs: 15_000, description: 'the relay to publish every committed event' },
  );
  return withDb(databaseUrl, async (client) =>
    Number((await client.query<{ seq: string }>(`SELECT coalesce(max(seq), 0) AS seq FROM journal`)).rows[0]?.seq),
  );
}

/** Journal rows by type past a position. */
const eventsAfter = (databaseUrl: string, seq: number): Promise<Map<string, number>> =>
  withDb(databaseUrl, async (client) => {
    const { rows } = await client.query<{ type: string; n: number }>(
      `SELECT type, count(*)::int AS n FROM journal WHERE seq > $1 GROUP BY type`,
      [seq],
    );
    return new Map(rows.map((row) => [row.type, row.n]));
  });

describe('domain metrics on /metrics', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  let workerMetrics: string;
  let lead: HttpClient;
  let officer: HttpClient;
  let regional: HttpClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    workerMetrics = `http://127.0.0.1:${port}/metrics`;
    const options = {
      databaseUrl: db.url,
      redisPrefix: uniqueRedisPrefix(),
      env: { WORKER_METRICS_PORT: String(port), RELAY_POLL_INTERVAL: '200ms', RATE_LIMIT_PER_TOKEN: `${PER_TOKEN}/1m` },
    };
    [api] = await Promise.all([startApi(options), startWorker(options)]);
    lead = http(api.url, await mintToken({ sub: 'metrics-lead', roles: ['cell-lead'], cells: ['ppe'] }));
    officer = http(
      api.url,
      await mintToken({ sub: 'metrics-officer', roles: ['authority-officer'], authority: BIRMINGHAM }),
    );
    regional = http(api.url, await mintToken({ sub: 'metrics-regional', roles: ['regional-coordinator'] }));
  });

  afterAll(async () => {
    await stopAll();
    await db?.drop();
  });

  it('counts decisions, sitreps, feeds, every published event, escalations by level and state, replays and 429s', async () => {
    const seqBefore = await caughtUp(db.url);
    const [apiBefore, workerBefore] = await Promise.all([scrape(`${api.url}/metrics`), scrape(workerMetrics)]);

    // Two decisions, the second sent three times with one key: two replays, nothing written twice.
    expectStatus(await lead.post('/api/v1/cells/ppe/decisions', decisionBody('Release the reserve')), 201);
    const key = { 'idempotency-key': `metrics-${randomUUID()}` };
    const again = decisionBody('Open a second hub');
    for (let i = 0; i < 3; i += 1) expectStatus(await lead.post('/api/v1/cells/ppe/decisions', again, key), 201);
    // One sitrep, one daily feed.
    expect(
      (
        await officer.put(`/api/v1/cells/food/sitreps/${BIRMINGHAM}/${regionDay(new Date())}`, {
          figures: { hubs_open: 3 },
        })
      ).status,
    ).toBe(200);
    expectStatus(await regional.post(`/api/v1/feeds/daily/${regionDay(new Date(Date.now() - 86_400_000))}`), 201);
    // Two escalations to the ppe cell, one acknowledged by its lead.
    expectStatus(await officer.post('/api/v1/escalations', escalationInput({ title: 'Masks short' })), 201);
    const acknowledged = expectStatus<{ id: string }>(
      await officer.post('/api/v1/escalations', escalationInput({ title: 'Gowns short' })),
      201,
    );
    expectStatus(await lead.post(`/api/v1/escalations/${acknowledged.id}/acknowledge`), 200);
    // One token past its allowance.
    const flooder = http(
      api.url,
      await mintToken({ sub: `metrics-flooder-${randomUUID()}`, roles: ['regional-coordinator'] }),
    );
    let refused = 0;
    for (let i = 0; i < PER_TOKEN + 5; i += 1) if ((await flooder.get('/api/v1/cells')).status === 429) refused += 1;
    expect(refused).toBeGreaterThan(0);

    await caughtUp(db.url);
    const published = await eventsAfter(db.url, seqBefore);
    const [apiAfter, workerAfter] = await Promise.all([scrape(`${api.url}/metrics`), scrape(workerMetrics)]);
    const moved = (before: Samples, after: Samples, name: string, labels?: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);

    expect(
      moved(apiBefore, apiAfter, 'muster_idempotent_replays_total', { route: '/api/v1/cells/:cell/decisions' }),
    ).toBe(2);
    expect(moved(apiBefore, apiAfter, 'muster_http_rate_limited_total', { route: '/api/v1/cells' })).toBe(refused);

    expect(moved(workerBefore, workerAfter, 'muster_decisions_logged_total')).toBe(2);
    expect(moved(workerBefore, workerAfter, 'muster_sitreps_submitted_total')).toBe(1);
    expect(moved(workerBefore, workerAfter, 'muster_feeds_published_total', { kind: 'daily' })).toBe(1);
    expect(moved(workerBefore, workerAfter, 'muster_feeds_published_total', { kind: 'weekly' })).toBe(0);
    expect(published.get('decision.logged')).toBe(2);
    for (const [type, count] of published) {
      expect({ type, moved: moved(workerBefore, workerAfter, 'muster_events_published_total', { type }) }).toEqual({
        type,
        moved: count,
      });
    }
    expect(moved(workerBefore, workerAfter, 'muster_escalations_unresolved', { level: 'cell', state: 'open' })).toBe(1);
    expect(
      moved(workerBefore, workerAfter, 'muster_escalations_unresolved', { level: 'cell', state: 'acknowledged' }),
    ).toBe(1);
    expect(sample(workerAfter, 'muster_relay_lag_seconds')).toBe(0);
  });
});
