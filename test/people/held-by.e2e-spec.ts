import type { Role } from '@muster/contracts';
import {
  ACK_SLA,
  connectLive,
  createTestDatabase,
  escalationInput,
  expectStatus,
  http,
  mintToken,
  SLA_MS,
  startApi,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  waitForEscalation,
  type ApiHandle,
  type EscalationBody,
  type HttpClient,
  type LiveClient,
  type TestDatabase,
} from '@muster/testing';
import { BIRMINGHAM } from '@muster/builders';

/**
 * Who holds an escalation's level, from the rotas, on the real api and worker: recorded when it is raised
 * (the cell's holder), when the ladder climbs by itself (the regional holder at that moment) and when it is
 * escalated by hand (the national contact point, no shift being set); a mid-shift handover passes the
 * outgoing holder's escalations in that scope to who took over, journalled as `escalation.handed-over` and
 * pushed to live clients, and leaves everyone else's alone.
 */

const run = Math.random().toString(36).slice(2, 8);
const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

describe('heldBy on escalations', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  let socket: LiveClient;
  const subs = { ppe: `ppe-holder-${run}`, reg: `reg-holder-${run}`, reg2: `reg-relief-${run}` };
  const clients: Record<string, HttpClient> = {};

  const as = async (sub: string, name: string, roles: Role[], extra: { cells?: string[]; authority?: string } = {}) =>
    http(api.url, await mintToken({ sub, name, roles, ...extra }));

  beforeAll(async () => {
    db = await createTestDatabase();
    const redisPrefix = uniqueRedisPrefix();
    const env = { ESCALATION_ACK_SLA: ACK_SLA, ESCALATION_RECONCILE_INTERVAL: '2s', WORKER_METRICS_PORT: '0' };
    [api] = await Promise.all([
      startApi({ databaseUrl: db.url, redisPrefix, env }),
      startWorker({ databaseUrl: db.url, redisPrefix, env }),
    ]);
    const admin = await as(`admin-${run}`, 'Ada Admin', ['admin']);
    clients['ppe'] = await as(subs.ppe, 'Priya Shah', ['cell-lead'], { cells: ['ppe'] });
    clients['reg'] = await as(subs.reg, 'Sam Hughes', ['regional-coordinator']);
    clients['officer'] = await as(`officer-${run}`, 'Jas Kaur', ['authority-officer'], { authority: BIRMINGHAM });
    for (const [sub, name, roles, cells] of [
      [subs.ppe, 'Priya Shah', ['cell-lead'], ['ppe']],
      [subs.reg, 'Sam Hughes', ['regional-coordinator'], []],
      [subs.reg2, 'Rita Relief', ['regional-coordinator'], []],
    ] as const) {
      expectStatus(await admin.put(`/api/v1/people/${sub}`, { name, roles, cells }), 200);
    }
    const rota = (sub: string) => ({ shifts: [{ sub, from: hours(-1), to: hours(6) }] });
    expectStatus(await clients['reg'].put('/api/v1/rotas/ppe', rota(subs.ppe)), 200);
    expectStatus(await clients['reg'].put('/api/v1/rotas/regional', rota(subs.reg)), 200);
    socket = await connectLive(api.url, await mintToken({ roles: ['regional-coordinator'] }));
    await socket.subscribe({ topics: ['region'] });
  });

  afterAll(async () => {
    socket?.close();
    await stopAll();
    await db?.drop();
  });

  const raise = async (): Promise<EscalationBody> =>
    expectStatus<EscalationBody>(
      await (clients['officer'] as HttpClient).post('/api/v1/escalations', escalationInput()),
      201,
    );

  it('records the cell’s holder at raise, the regional holder at the climb, and hands over to the relief', async () => {
    const raised = await raise();
    expect(raised.heldBy).toEqual({ key: subs.ppe, name: 'Priya Shah' });
    expect(raised.history[0]).toMatchObject({ step: 'raised', level: 'cell', heldBy: { key: subs.ppe } });

    const climbed = await waitForEscalation(
      clients['reg'] as HttpClient,
      raised.id,
      (e) => e.level === 'regional',
      'the climb to regional',
      3 * SLA_MS.critical + 5_000,
    );
    expect(climbed.heldBy).toEqual({ key: subs.reg, name: 'Sam Hughes' });
    expect(climbed.history.at(-1)).toMatchObject({ step: 'escalated', actor: 'system', heldBy: { key: subs.reg } });

    // Acknowledged, it stops climbing but stays Sam's: the handover passes it on.
    const reg = clients['reg'] as HttpClient;
    expectStatus(await reg.post(`/api/v1/escalations/${raised.id}/acknowledge`, {}), 200);
    const untouched = await raise();
    const handed = await reg.post('/api/v1/rotas/regional/handover', { to: subs.reg2 });
    expect(expectStatus<{ holder: { key: string } }>(handed, 200).holder.key).toBe(subs.reg2);

    const after = expectStatus<EscalationBody>(await reg.get(`/api/v1/escalations/${raised.id}`), 200);
    expect(after.heldBy).toEqual({ key: subs.reg2, name: 'Rita Relief' });
    expect(after.history.at(-1)).toMatchObject({
      step: 'handed-over',
      level: 'regional',
      actor: { sub: subs.reg, name: 'Sam Hughes' },
      from: { key: subs.reg, name: 'Sam Hughes' },
      heldBy: { key: subs.reg2, name: 'Rita Relief' },
    });
    const event = await socket.waitForEvent(
      (e) => e.type === 'escalation.handed-over' && (e.data as { id?: string }).id === raised.id,
    );
    expect(event.data).toMatchObject({ heldBy: { key: subs.reg2 }, handedOverBy: { key: subs.reg } });
    // Held by the PPE cell's holder, not Sam: not his to hand over.
    const other = expectStatus<EscalationBody>(await reg.get(`/api/v1/escalations/${untouched.id}`), 200);
    expect(other.history.map((s) => s.step)).not.toContain('handed-over');
    expect(other.heldBy?.key).toBe(subs.ppe);
  });

  it('escalated by hand to national with no national shift, it is held by the national contact point', async () => {
    const raised = await raise();
    const reg = clients['reg'] as HttpClient;
    expectStatus(await reg.post(`/api/v1/escalations/${raised.id}/escalate`, { reason: 'Needs mutual aid' }), 200);
    const national = expectStatus<EscalationBody>(
      await reg.post(`/api/v1/escalations/${raised.id}/escalate`, { reason: 'Beyond the region' }),
      200,
    );
    expect(national.level).toBe('national');
    expect(national.heldBy).toEqual({ key: 'contact:national', name: 'National Coordination Centre duty officer' });
    expect(national.history.map((s) => s.heldBy?.key)).toEqual([subs.ppe, subs.reg2, 'contact:national']);
  });
});
