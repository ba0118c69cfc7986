import {
  createTestDatabase,
  http,
  mintToken,
  regionDay,
  startApi,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  type ApiHandle,
  type BoardBody,
  type HttpClient,
  type TestDatabase,
} from '@muster/testing';
import { BIRMINGHAM } from '@muster/builders';

/*
 * `asOf.seq` names the picture: whatever `GET /board` shows now is exactly what `GET /board?at=<its asOf.seq>`
 * shows afterwards. Clients keep that number ("the board as we saw it at 10:40") and decisions record it, so
 * it must hold while the projection is moving: here a reader reads the board in a tight loop while one
 * authority resubmits its food figures every few milliseconds, and each read is compared with the picture
 * at its own position.
 */

const RESUBMISSIONS = 40;

/** What a picture shows of the authorities, without staleness (judged at each picture's own time). */
function figuresOf(board: BoardBody): string {
  return JSON.stringify(
    board.cells.map((cell) => [
      cell.slug,
      cell.status,
      cell.authorities.map((a) => [a.code, a.reportedFor, a.figures, a.rag]),
    ]),
  );
}

describe('the board as of a position', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  let regional: HttpClient;
  let officer: HttpClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = { databaseUrl: db.url, redisPrefix: uniqueRedisPrefix(), env: { WORKER_METRICS_PORT: '0' } };
    [api] = await Promise.all([startApi(options), startWorker(options)]);
    regional = http(api.url, await mintToken({ roles: ['regional-coordinator'] }));
    officer = http(api.url, await mintToken({ roles: ['authority-officer'], authority: BIRMINGHAM }));
  });

  afterAll(async () => {
    await stopAll();
    await db?.drop();
  });

  it('shows now exactly what ?at=<asOf.seq> shows, while the projection moves', async () => {
    const today = regionDay(new Date());
    let writing = true;
    const mismatches: Array<{ seq: number; now: string; then: string }> = [];
    const positions = new Set<number>();
    let reads = 0;

    const reader = (async () => {
      while (writing) {
        const now = (await regional.get('/api/v1/board')).body as BoardBody;
        const then = (await regional.get(`/api/v1/board?at=${now.asOf.seq}`)).body as BoardBody;
        reads += 1;
        positions.add(now.asOf.seq);
        expect(then.asOf.seq).toBe(now.asOf.seq);
        if (figuresOf(now) !== figuresOf(then))
          mismatches.push({ seq: now.asOf.seq, now: figuresOf(now), then: figuresOf(then) });
      }
    })();

    for (let n = 1; n <= RESUBMISSIONS; n++) {
      const response = await officer.put(`/api/v1/cells/food/sitreps/${BIRMINGHAM}/${today}`, {
        figures: { hubs_open: n, parcels_delivered: 10 * n },
      });
      expect(response.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    // Let the projection catch up with the last one while the reader keeps reading.
    const last = Date.now();
    while (Date.now() - last < 5_000) {
      const board = (await regional.get('/api/v1/board')).body as BoardBody;
      const row = board.cells.find((c) => c.slug === 'food')?.authorities.find((a) => a.code === BIRMINGHAM);
      if (row?.figures['hubs_open'] === RESUBMISSIONS) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    writing = false;
    await reader;

    // The reader saw the board move (otherwise this proves nothing) and every picture matched its position.
    expect(positions.size).toBeGreaterThan(5);
    expect(reads).toBeGreaterThan(RESUBMISSIONS / 2);
    expect(mismatches.slice(0, 3)).toEqual([]);
  });
});
