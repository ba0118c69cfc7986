import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createTestDatabase,
  http,
  mintToken,
  regionDay,
  startApi,
  stopAll,
  uniqueRedisPrefix,
  type DailyFeedBody,
  type HttpClient,
  type TestDatabase,
} from '@muster/testing';
import { BIRMINGHAM, decisionBody } from '@muster/builders';

/**
 * An inquiry's check, end to end: decisions logged and amended through the real api, the log exported as JSON
 * Lines, and `node scripts/verify-export.mjs` (nothing but Node) run on the file. The untouched file passes with
 * the head the verify endpoint and the day's report give; a copy with one entry altered is refused at its
 * sequence; an export by a reader who may not see every entry cannot pass as the whole log.
 */

const SCRIPT = path.resolve(__dirname, '../../scripts/verify-export.mjs');
const base = '/api/v1/cells/ppe/decisions';

interface Logged {
  id: string;
  sequence: number;
  hash: string;
}

describe('verifying an exported decision log offline', () => {
  let db: TestDatabase;
  let dir: string;
  let regional: HttpClient;
  let lead: HttpClient;

  function verifyFile(text: string, ...args: string[]): { status: number | null; out: string } {
    const file = path.join(dir, `decision-log-ppe-${String(Math.random()).slice(2)}.jsonl`);
    writeFileSync(file, text);
    const result = spawnSync(process.execPath, [SCRIPT, file, ...args], { encoding: 'utf8' });
    return { status: result.status, out: `${result.stdout}${result.stderr}`.trim() };
  }

  async function logged(client: HttpClient, body: Record<string, unknown>, url = base): Promise<Logged> {
    const response = await client.post(url, body);
    expect(response.status).toBe(201);
    return response.body as Logged;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'verify-export-e2e-'));
    db = await createTestDatabase();
    const api = await startApi({ databaseUrl: db.url, redisPrefix: uniqueRedisPrefix() });
    regional = http(api.url, await mintToken({ roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' }));
    lead = http(api.url, await mintToken({ roles: ['cell-lead'], cells: ['ppe'], name: 'Priya Lead' }));

    const first = await logged(lead, decisionBody('Release the FFP3 reserve'));
    await logged(
      regional,
      decisionBody('Move gowns to the “Ladywood” care home — 😀', {
        marking: 'OFFICIAL-SENSITIVE',
        authorities: [BIRMINGHAM],
        rationale: 'Quotes " and \\ and a line\nbreak',
      }),
    );
    await logged(lead, decisionBody('Open a second distribution hub'));
    await logged(
      lead,
      { reason: 'The title named the wrong reserve', changes: { title: 'Release the regional FFP3 reserve' } },
      `${base}/${first.id}/amendments`,
    );
  });

  afterAll(async () => {
    await stopAll();
    await db?.drop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('passes the untouched export with the head the verify endpoint and the day’s report give', async () => {
    const exported = await regional.get(`${base}/export`);
    expect(exported.status).toBe(200);
    const verified = await regional.get(`${base}/verify`);
    expect(verified.body).toMatchObject({ valid: true, entries: 4 });
    const { head } = verified.body as { head: string };

    expect(verifyFile(exported.text)).toEqual({ status: 0, out: `OK 4 entries, head ${head}` });

    const report = await regional.post(`/api/v1/feeds/daily/${regionDay(new Date())}`);
    expect(report.status).toBe(201);
    const published = (report.body as DailyFeedBody).cells.find((cell) => cell.slug === 'ppe')?.head;
    expect(published).toEqual({ sequence: 4, hash: head });
    expect(verifyFile(exported.text, '--head', head)).toEqual({
      status: 0,
      out: `OK 4 entries, head ${head} (the published head)`,
    });
  });

  it('names the sequence of an entry altered in the file', async () => {
    const exported = await regional.get(`${base}/export`);
    const lines = exported.text.split('\n').filter((line) => line.length > 0);
    const third = JSON.parse(lines[2] ?? '') as { sequence: number; decision: string };
    expect(third.sequence).toBe(3);
    lines[2] = JSON.stringify({ ...third, decision: 'Close the distribution hub' });
    const altered = verifyFile(lines.map((line) => `${line}\n`).join(''));
    expect(altered.status).toBe(1);
    expect(altered.out).toMatch(/^BAD at sequence 3: .*altered/);
  });

  it('does not pass an export missing an entry its reader may not see as the whole log', async () => {
    const partial = await lead.get(`${base}/export`);
    expect(partial.status).toBe(200);
    expect(partial.text.split('\n').filter((line) => line.length > 0)).toHaveLength(3);
    expect(verifyFile(partial.text)).toEqual({
      status: 1,
      out: 'BAD at sequence 2: line 2: sequence 3 follows 1: entry 2 is missing',
    });
  });
});
