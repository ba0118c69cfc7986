import { randomUUID } from 'node:crypto';
import {
  connectLive,
  createTestDatabase,
  escalationInput,
  expectStatus,
  http,
  mintToken,
  startApi,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  waitFor,
  withDb,
  type ApiHandle,
  type HttpClient,
  type HttpResponse,
  type ProcessHandle,
  type TestDatabase,
  type WorkerHandle,
} from '@muster/testing';
import { decisionBody } from '@muster/builders';

/**
 * Logs never hold marked content, tokens or idempotency bodies, whatever fails. The real api and worker
 * log at debug; sensitive decisions, escalations and requests are recorded and read; then the database
 * is made to fail mid-request (a trigger's own error, a check constraint, an idempotency record refused,
 * the connection terminated under the request) and under the relay, and every line either process wrote
 * is searched for the text, the names, the keys and the tokens.
 */

const SENSITIVE = 'OFFICIAL-SENSITIVE';
const run = randomUUID().replace(/-/g, '').slice(0, 12);
/** In every sensitive body; also what the test's triggers look for. */
const SECRET = `Covert${run}`;
const PERSON = `Asha Undisclosed${run}`;

/** Triggers and a constraint that fail a write whose text carries their word, as a real fault would. */
const FAULTS = `
  CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW::text LIKE '%Refuse${run}%' THEN
      RAISE EXCEPTION 'refused by the test trigger' USING DETAIL = 'row ' || NEW::text, HINT = NEW::text;
    END IF;
    IF NEW::text LIKE '%Terminate${run}%' THEN
      PERFORM pg_terminate_backend(pg_backend_pid());
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER test_refuse BEFORE INSERT ON decision_log_entry FOR EACH ROW EXECUTE FUNCTION test_refuse();
  CREATE TRIGGER test_refuse BEFORE INSERT ON idempotency_record FOR EACH ROW EXECUTE FUNCTION test_refuse();
  CREATE TRIGGER test_refuse BEFORE INSERT ON decision_request FOR EACH ROW EXECUTE FUNCTION test_refuse();
  CREATE TRIGGER test_refuse BEFORE INSERT ON board_item FOR EACH ROW EXECUTE FUNCTION test_refuse();
  ALTER TABLE escalation ADD CONSTRAINT test_no_check CHECK (title NOT LIKE '%Check${run}%') NOT VALID;
`;

interface LogLine {
  level: number;
  msg?: string;
  errorId?: string;
  err?: Record<string, unknown>;
  req?: { url?: string };
}

/** Every line a process writes from now on, plus what it wrote before (kept by its output buffer). */
function capture(proc: ProcessHandle): () => string[] {
  const lines = proc.output.lines();
  proc.output.onLine((line) => lines.push(line));
  return () => lines;
}

const parsed = (lines: readonly string[]): LogLine[] =>
  lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });

function errorIdOf(response: HttpResponse): string {
  const body = response.body as { errorId?: string };
  expect(typeof body.errorId).toBe('string');
  return body.errorId ?? '';
}

describe('logs hold no marked content, tokens or idempotency bodies', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  let worker: WorkerHandle;
  let apiLines: () => string[];
  let workerLines: () => string[];
  let coordinator: HttpClient;
  const tokens: string[] = [];
  const keys: string[] = [];

  const key = (): string => {
    const value = `key-${randomUUID()}`;
    keys.push(value);
    return value;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await withDb(db.url, (client) => client.query(FAULTS));
    const options = {
      databaseUrl: db.url,
      redisPrefix: uniqueRedisPrefix(),
      env: { LOG_LEVEL: 'debug', WORKER_METRICS_PORT: '0', RELAY_POLL_INTERVAL: '200ms' },
    };
    [api, worker] = await Promise.all([startApi(options), startWorker(options)]);
    apiLines = capture(api);
    workerLines = capture(worker);
    const mint = async (claims: Parameters<typeof mintToken>[0]) => {
      const token = await mintToken(claims);
      tokens.push(token);
      return token;
    };
    coordinator = http(
      api.url,
      await mint({ sub: `rc-${run}`, name: PERSON, roles: ['regional-coordinator'], clearance: SENSITIVE }),
    );
    tokens.push(await mint({ sub: `admin-${run}`, name: PERSON, roles: ['admin'], clearance: SENSITIVE }));
  });

  afterAll(async () => {
    await stopAll();
    await db?.drop();
  });

  it('records and reads sensitive items, fails writes in the database, and logs none of their text', async () => {
    const secretDecision = decisionBody(`Evacuate ${SECRET}`, { marking: SENSITIVE, rationale: `Because ${SECRET}` });
    const logged = expectStatus<{ id: string }>(
      await coordinator.post('/api/v1/cells/ppe/decisions', secretDecision, { 'idempotency-key': key() }),
      201,
    );
    expectStatus(await coordinator.get(`/api/v1/cells/ppe/decisions/${logged.id}`), 200);

    // A trigger's own error (unmapped: a 500 whose id is in the log).
    const refused = await coordinator.post(
      '/api/v1/cells/ppe/decisions',
      decisionBody(`Refuse${run} ${SECRET}`, { marking: SENSITIVE }),
      { 'idempotency-key': key() },
    );
    expect(refused.status).toBe(500);
    // A check constraint: PostgreSQL puts the failing row in the error's detail.
    const checked = await coordinator.post(
      '/api/v1/escalations',
      escalationInput({ title: `Check${run} ${SECRET}`, detail: SECRET, marking: SENSITIVE }),
      { 'idempotency-key': key() },
    );
    expect(checked.status).toBe(500);
    // The idempotency record itself refused: the query's parameters hold the response body.
    const unrecorded = await coordinator.post(
      '/api/v1/escalations',
      escalationInput({ title: `Refuse${run}`, detail: `${SECRET} detail`, marking: SENSITIVE }),
      { 'idempotency-key': key() },
    );
    expect(unrecorded.status).toBe(500);
    // The connection terminated under the request: a 503, logged as a warning with the driver's error.
    const terminated = await coordinator.post(
      '/api/v1/cells/ppe/decision-requests',
      { question: `Terminate${run} ${SECRET}?`, dueInMinutes: 60, marking: SENSITIVE },
      { 'idempotency-key': key() },
    );
    expect(terminated.status).toBe(503);

    // Tokens where a browser or a feed reader would put them: the dashboard's query and cookie, a feed key.
    const [adminToken = ''] = tokens.slice(-1);
    await fetch(`${api.url}/admin/queues?token=${adminToken}`, { redirect: 'manual' });
    await fetch(`${api.url}/admin/queues`, { headers: { cookie: `muster_admin=${adminToken}` } });
    await fetch(`${api.url}/api/v1/feeds/daily.atom?key=${adminToken}`);
    const live = await connectLive(api.url, tokens[0] ?? '');
    await live.subscribe({ topics: ['cell:ppe'], after: 0 });
    live.close();

    // The worker: the relay cannot project a sensitive escalation onto the board.
    expectStatus(
      await coordinator.post(
        '/api/v1/escalations',
        escalationInput({ title: `Board Refuse${run} ${SECRET}`, marking: SENSITIVE }),
      ),
      201,
    );
    await waitFor(() => parsed(workerLines()).some((line) => line.msg === 'journal relay pass failed; retrying'), {
      timeoutMs: 15_000,
      description: 'the relay to log its failure',
    });

    const api500s = parsed(apiLines()).filter((line) => line.msg === 'unhandled error');
    // Each 500 is in the log under its id, with what an operator needs to find the fault.
    expect(api500s.find((line) => line.errorId === errorIdOf(refused))?.err).toMatchObject({
      code: 'P0001',
      message: 'refused by the test trigger',
    });
    expect(api500s.find((line) => line.errorId === errorIdOf(checked))?.err).toMatchObject({
      code: '23514',
      table: 'escalation',
      constraint: 'test_no_check',
      message: 'new row for relation "escalation" violates check constraint "test_no_check"',
    });
    expect(api500s.find((line) => line.errorId === errorIdOf(unrecorded))?.err).toMatchObject({ code: 'P0001' });
    expect(parsed(apiLines()).some((line) => line.level === 40 && line.err?.['code'] === '57P01')).toBe(true);

    const secrets = [SECRET, PERSON, ...keys, ...tokens, ...tokens.map((token) => token.split('.')[2] ?? token)];
    for (const [name, lines] of [
      ['api', apiLines()],
      ['worker', workerLines()],
    ] as const) {
      const leaks = lines.filter((line) => secrets.some((secret) => line.includes(secret)));
      expect({ process: name, leaks }).toEqual({ process: name, leaks: [] });
    }

    // The dashboard's request is logged, its token not.
    expect(parsed(apiLines()).some((line) => line.req?.url === '/admin/queues?token=[redacted]')).toBe(true);
  });
});
