import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  decisionDraft,
  DecisionLogAppender,
  IdempotencyClaim,
  IdempotencyKeyTaken,
  LoggedDecision,
  SystemClock,
} from '@muster/application';
import { DecisionInput, Principal, verifyChain } from '@muster/domain';
import { createDataSource, DecisionLogRepository, IdempotencyStore, TypeOrmUnitOfWork } from '@muster/persistence';
import { RequestsInFlight } from '@muster/doubles';
import { createTestDatabase, type TestDatabase } from '@muster/testing';
import { decisionInput, person } from '@muster/builders';

/**
 * Group commit on the real PostgreSQL: appends that reach a cell while its transaction is in flight
 * share the next one, yet each request keeps its own correlation id, its own stored response, and fails
 * alone when its idempotency key is taken.
 */

jest.setTimeout(30_000);

/** A request hash as the interceptor makes one (SHA-256 hex). */
const hashOf = (title: string): string => createHash('sha256').update(title).digest('hex');

const lead = person('cell-lead', { sub: 'lead-1', name: 'Asha Lead', cells: ['ppe'] });

/** Decided a minute ago, so recorded in time. */
const input = (title: string): DecisionInput =>
  decisionInput({ title, decidedAt: new Date(Date.now() - 60_000).toISOString() });

describe('batched unit of work (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let requests: RequestsInFlight;
  let appender: DecisionLogAppender;
  let log: DecisionLogRepository;
  let store: IdempotencyStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 4, applicationName: 'muster-uow-test' });
    await dataSource.initialize();
    requests = new RequestsInFlight();
    appender = new DecisionLogAppender(new TypeOrmUnitOfWork(dataSource, requests), new SystemClock());
    log = new DecisionLogRepository(dataSource);
    store = new IdempotencyStore(dataSource);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  /** One request: its own context with a correlation id and, if given, an Idempotency-Key claim. */
  function request(title: string, key?: string, by: Principal = lead): Promise<LoggedDecision> {
    return requests.run({ correlationId: `corr-${title}` }, () => {
      if (key !== undefined) {
        const claim: IdempotencyClaim = { principal: by.sub, key, requestHash: hashOf(title), status: 201 };
        requests.claim(claim);
      }
      return appender.append('ppe', decisionDraft(by, 'ppe', input(title), new Set()));
    });
  }

  async function transactionsOf(ids: readonly string[]): Promise<number> {
    const rows: Array<{ n: number }> = await dataSource.query(
      `SELECT count(DISTINCT xmin::text)::int AS n FROM decision_log_entry WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows[0]?.n ?? 0;
  }

  it('commits concurrent appends together, each with its own correlation id and stored response', async () => {
    const titles = Array.from({ length: 40 }, (_, i) => `batched ${i}`);
    const logged = await Promise.all(titles.map((title) => request(title, `key-${title}`)));

    expect(logged.map((l) => l.sequence)).toEqual(titles.map((_, i) => i + 1));
    const transactions = await transactionsOf(logged.map((l) => l.id));
    expect(transactions).toBeGreaterThanOrEqual(2);
    expect(transactions).toBeLessThan(10);
    expect(verifyChain(await log.page('ppe', 0, 1_000), await log.head('ppe'))).toEqual({
      valid: true,
      entries: 40,
      head: logged.at(-1)?.hash,
    });

    const journal: Array<{ id: string; correlation_id: string }> = await dataSource.query(
      `SELECT data->>'id' AS id, correlation_id FROM journal WHERE type = 'decision.logged'`,
    );
    expect(new Map(journal.map((row) => [row.id, row.correlation_id]))).toEqual(
      new Map(logged.map((l, i) => [l.id, `corr-${String(titles[i])}`])),
    );
    for (const [i, title] of titles.entries()) {
      expect(await store.find(lead.sub, `key-${title}`)).toEqual({
        requestHash: hashOf(title),
        status: 201,
        body: logged[i],
      });
    }
  });

  it('refuses only the request whose key is taken; the rest of its batch commits', async () => {
    const taken = await request('first use', 'key-reused');
    const before = await log.head('ppe');

    const results = await Promise.allSettled([
      request('opens the cell'),
      request('second use', 'key-reused'),
      request('fresh one', 'key-fresh'),
      request('another', 'key-another'),
    ]);

    expect(results[1]).toMatchObject({ status: 'rejected', reason: expect.any(IdempotencyKeyTaken) });
    const committed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(committed.map((l) => l.sequence)).toEqual([1, 2, 3].map((n) => (before?.sequence ?? 0) + n));
    // The key still answers with the response of its first use.
    expect(await store.find(lead.sub, 'key-reused')).toMatchObject({ requestHash: hashOf('first use'), body: taken });
    expect(await store.find(lead.sub, 'key-fresh')).toMatchObject({ body: committed[1] });
    expect(verifyChain(await log.page('ppe', 0, 1_000), await log.head('ppe')).valid).toBe(true);
  });

  it('gives a key used twice within one batch to the first, and refuses the second once the first is stored', async () => {
    const opener = request('keeps the cell busy');
    const twins = [request('twin a', 'key-twin'), request('twin b', 'key-twin')];
    const refusedAfter = twins[1]?.catch(async (error: unknown) => ({
      error,
      stored: await store.find(lead.sub, 'key-twin'),
    }));

    await opener;
    const first = await twins[0];
    expect(await refusedAfter).toEqual({
      error: expect.any(IdempotencyKeyTaken),
      stored: expect.objectContaining({ body: first }),
    });
  });

  // The edge refuses such a name (a token claim); this is the second line, for a value that slips past it.
  it('fails only the request PostgreSQL refuses; every other request of its batch commits, once, with its stored response', async () => {
    const unstorable = person('cell-lead', { sub: 'lead-nul', name: 'Asha\u0000Lead', cells: ['ppe'] });
    const before = (await log.head('ppe'))?.sequence ?? 0;

    const results = await Promise.allSettled([
      request('opens the batch'),
      request('valid one', 'key-valid-one'),
      request('refused', 'key-refused', unstorable),
      request('valid two', 'key-valid-two'),
      request('valid three'),
    ]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/unicode|\\u0000/i);
    const committed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(committed.map((l) => l.sequence)).toEqual([1, 2, 3, 4].map((n) => before + n));
    expect(verifyChain(await log.page('ppe', 0, 1_000), await log.head('ppe'))).toMatchObject({
      valid: true,
      entries: before + 4,
    });
    const journal: Array<{ n: number }> = await dataSource.query(
      `SELECT count(*)::int AS n FROM journal WHERE type = 'decision.logged' AND data->>'id' = ANY($1::text[])`,
      [committed.map((l) => l.id)],
    );
    expect(journal[0]?.n).toBe(4);
    expect(await store.find(lead.sub, 'key-valid-one')).toMatchObject({ body: committed[1] });
    expect(await store.find(lead.sub, 'key-valid-two')).toMatchObject({ body: committed[2] });
    expect(await store.find(unstorable.sub, 'key-refused')).toBeUndefined();
  });

  it('stamps each decision with the journal position reached when its head was locked', async () => {
    await dataSource.query(`UPDATE relay_state SET sequenced = 4242 WHERE name = 'live'`);
    const logged = await request('positioned');
    const entry = await log.byId('ppe', logged.id);
    expect(entry?.body).toMatchObject({ kind: 'decision', record: { journalPosition: 4242 } });
  });
});
