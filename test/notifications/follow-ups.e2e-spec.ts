import { Client } from 'pg';
import type { Role } from '@muster/contracts';
import {
  ACK_SLA,
  createTestDatabase,
  escalationInput,
  expectStatus,
  http,
  mintToken,
  readMail,
  startApi,
  startRedisServer,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  waitFor,
  type EscalationBody,
  type HttpClient,
  type RedisServer,
  type StartOptions,
  type TestDatabase,
  type WorkerHandle,
} from '@muster/testing';
import { BIRMINGHAM, decisionBody, SANDWELL } from '@muster/builders';
import { type SmtpInbox, startSmtpInbox } from './smtp-inbox';

/**
 * The follow-ups that reach people off-screen, through the real api and worker and a real SMTP server in
 * this process: a re-alert when an acknowledged escalation's promised update does not come (once per
 * promise), and an overdue action told to its owner and the cell's holder once each, also when the worker
 * is SIGKILLed with the mail on the wire. "Nothing more" is judged after something later has been observed
 * (a second promise's re-alert), never after a sleep; a mid-shift handover tells who took it.
 */

interface Row {
  id: string;
  event_type: string;
  recipient_key: string;
  channel: string;
  status: string;
  attempts: number;
}

const FROM_DOMAIN = 'muster.test';
const messageIdOf = (notificationId: string) => `<notification.${notificationId}@${FROM_DOMAIN}>`;
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const settled = (r: Row) => r.status !== 'pending' && r.status !== 'sending';

describe('follow-ups reach people: a missed update re-alerts the holder, an overdue action its owner', () => {
  let redis: RedisServer;
  let inbox: SmtpInbox;
  let db: TestDatabase;
  let worker: WorkerHandle;
  let pg: Client;
  let raiser: HttpClient;
  let lead: HttpClient;
  let regional: HttpClient;
  const run = Math.random().toString(36).slice(2, 8);
  const urls = { api: '' };
  const subs = { raiser: `raiser-${run}`, lead: `lead-${run}`, regional: `regional-${run}`, owner: `owner-${run}` };
  const emails = {
    raiser: `jas.${run}@sandwell.example.org`,
    lead: `priya.${run}@wm.example.org`,
    regional: `sam.${run}@wm.example.org`,
    owner: `ola.${run}@sandwell.example.org`,
  };

  /** The outbox rows an event type caused for a subject, read from PostgreSQL (actions have no list of them). */
  const rows = async (subjectId: string, eventType: string): Promise<Row[]> =>
    (
      await pg.query<Row>(
        `SELECT id, event_type, recipient_key, channel, status, attempts FROM notification
          WHERE subject_id = $1 AND event_type = $2 ORDER BY event_seq, recipient_key`,
        [subjectId, eventType],
      )
    ).rows;
  const untilSent = (subjectId: string, eventType: string, count: number, timeoutMs = 30_000) =>
    waitFor(
      async () => {
        const now = await rows(subjectId, eventType);
        return now.length >= count && now.every(settled) ? now : undefined;
      },
      { timeoutMs, intervalMs: 200, description: `${String(count)} settled ${eventType} notices` },
    );
  const received = (r: Row) => inbox.acceptedWith(messageIdOf(r.id));
  const journalled = async (type: string, key: string, value: string): Promise<number> =>
    Number(
      (
        await pg.query<{ n: string }>(`SELECT count(*) AS n FROM journal WHERE type = $1 AND data->>$2 = $3`, [
          type,
          key,
          value,
        ])
      ).rows[0]?.n,
    );

  beforeAll(async () => {
    [redis, inbox, db] = await Promise.all([startRedisServer(), startSmtpInbox(), createTestDatabase()]);
    const options: StartOptions = {
      databaseUrl: db.url,
      redisPrefix: uniqueRedisPrefix(),
      redisUrl: redis.url,
      env: {
        ESCALATION_ACK_SLA: ACK_SLA,
        ESCALATION_RECONCILE_INTERVAL: '1s',
        WORKER_METRICS_PORT: '0',
        SMTP_URL: inbox.url,
        SMTP_FROM: `Muster <muster@${FROM_DOMAIN}>`,
        NOTIFICATION_RETRY_DELAY: '200ms',
        NOTIFICATION_RETRY_MAX_DELAY: '1s',
        NOTIFICATION_SEND_TIMEOUT: '3s',
      },
    };
    const [api, started] = await Promise.all([startApi(options), startWorker(options)]);
    worker = started;
    urls.api = api.url;
    const as = async (sub: string, name: string, roles: Role[], extra: Record<string, unknown> = {}) =>
      http(api.url, await mintToken({ sub, name, roles, ...extra }));
    raiser = await as(subs.raiser, 'Jas Kaur', ['authority-officer'], { authority: BIRMINGHAM });
    lead = await as(subs.lead, 'Priya Shah', ['cell-lead'], { cells: ['ppe'] });
    regional = await as(subs.regional, 'Sam Hughes', ['regional-coordinator']);
    const owner = await as(subs.owner, 'Ola Owusu', ['authority-officer'], { authority: SANDWELL });
    expectStatus(await raiser.put('/api/v1/me', { email: emails.raiser }), 200);
    expectStatus(await lead.put('/api/v1/me', { email: emails.lead }), 200);
    expectStatus(await regional.put('/api/v1/me', { email: emails.regional }), 200);
    expectStatus(await owner.put('/api/v1/me', { email: emails.owner }), 200);
    const shift = (sub: string) => ({ shifts: [{ sub, from: inSeconds(-3600), to: inSeconds(12 * 3600) }] });
    expectStatus(await regional.put('/api/v1/rotas/ppe', shift(subs.lead)), 200);
    expectStatus(await regional.put('/api/v1/rotas/regional', shift(subs.regional)), 200);
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end().catch(() => undefined);
    await stopAll();
    await inbox?.close();
    await redis?.stop();
    await db?.drop();
  });

  it('an acknowledged escalation whose promised update does not come: its holder is re-alerted once, by email', async () => {
    const escalation = expectStatus<EscalationBody>(
      await raiser.post('/api/v1/escalations', escalationInput({ severity: 'low', title: 'Promise not kept' })),
      201,
    );
    expectStatus(await lead.post(`/api/v1/escalations/${escalation.id}/acknowledge`, {}), 200);
    expectStatus(
      await raiser.post(`/api/v1/escalations/${escalation.id}/updates`, {
        note: 'Supplier calls back shortly',
        nextUpdateDue: inSeconds(3),
      }),
      200,
    );
    const [first] = await untilSent(escalation.id, 'escalation.update-overdue', 1);
    expect(first).toMatchObject({ recipient_key: subs.lead, channel: 'email', status: 'sent' });
    expect(received(first as Row).map((m) => m.to)).toEqual([[emails.lead]]);

    // Something later to wait for: a second promise, also missed. By the time its re-alert is sent, the
    // first promise's deadline is seconds behind and several reconciliation passes have run.
    expectStatus(
      await raiser.post(`/api/v1/escalations/${escalation.id}/updates`, {
        note: 'Still waiting on the supplier',
        nextUpdateDue: inSeconds(3),
      }),
      200,
    );
    const both = await untilSent(escalation.id, 'escalation.update-overdue', 2);
    expect(await journalled('escalation.update-overdue', 'id', escalation.id)).toBe(2);
    expect(both.map((r) => [r.recipient_key, r.channel, r.status])).toEqual([
      [subs.lead, 'email', 'sent'],
      [subs.lead, 'email', 'sent'],
    ]);
    expect(both.map((r) => received(r).length)).toEqual([1, 1]);
    expect(both[0]?.id).toBe(first?.id);
  });

  it('a mid-shift handover: who took it is told by email, and may update the escalation though not the cell lead', async () => {
    const coverSub = `cover-${run}`;
    const coverEmail = `dee.${run}@wm.example.org`;
    const cover = http(
      urls.api,
      await mintToken({ sub: coverSub, name: 'Dee Cover', roles: ['cell-member'], cells: ['ppe'] }),
    );
    expectStatus(await cover.put('/api/v1/me', { email: coverEmail }), 200);
    const escalation = expectStatus<EscalationBody>(
      await raiser.post('/api/v1/escalations', escalationInput({ severity: 'low', title: 'Handed on mid-shift' })),
      201,
    );
    expectStatus(await lead.post(`/api/v1/escalations/${escalation.id}/acknowledge`, {}), 200);
    expect((await cover.post(`/api/v1/escalations/${escalation.id}/updates`, { note: 'Not mine yet' })).status).toBe(
      403,
    );
    expectStatus(await lead.post('/api/v1/rotas/ppe/handover', { to: coverSub }), 200);
    const [told] = await untilSent(escalation.id, 'escalation.handed-over', 1);
    expect(told).toMatchObject({ recipient_key: coverSub, channel: 'email', status: 'sent' });
    const mails = received(told as Row);
    expect(mails.map((m) => m.to)).toEqual([[coverEmail]]);
    expect(readMail(mails[0]?.raw ?? '').text.replace(/\s+/g, ' ')).toContain('was handed to you by Priya Shah');
    expectStatus(await cover.post(`/api/v1/escalations/${escalation.id}/updates`, { note: 'Picked up' }), 200);
    // Hand the cell back so the tests after this one find the lead holding it.
    expectStatus(await cover.post('/api/v1/rotas/ppe/handover', { to: subs.lead }), 200);
    await untilSent(escalation.id, 'escalation.handed-over', 2);
  });

  const logAction = async (what: string, dueInSeconds: number): Promise<{ id: string; due: string }> => {
    const logged = expectStatus<{ id: string }>(
      await lead.post(
        '/api/v1/cells/ppe/decisions',
        decisionBody(`Decide: ${what}`, {
          actions: [{ action: what, owner: subs.owner, due: inSeconds(dueInSeconds) }],
          authorities: [SANDWELL],
        }),
      ),
      201,
    );
    const detail = expectStatus<{ actions: Array<{ id: string; due: string }> }>(
      await lead.get(`/api/v1/cells/ppe/decisions/${logged.id}`),
      200,
    );
    const [action] = detail.actions;
    if (action === undefined) throw new Error('one action expected');
    return action;
  };
  const expectOwnerAndHolderOnce = (sent: Row[]) => {
    expect(sent.map((r) => [r.recipient_key, r.channel, r.status]).sort()).toEqual(
      [
        [subs.owner, 'email', 'sent'],
        [subs.lead, 'email', 'sent'],
      ].sort(),
    );
    expect(sent.map((r) => received(r).map((m) => m.to))).toEqual(
      sent.map((r) => [[r.recipient_key === subs.owner ? emails.owner : emails.lead]]),
    );
  };

  it("an overdue action: its owner and the cell's holder are each told once", async () => {
    const action = await logAction('Count the FFP3 stock', 3);
    const sent = await untilSent(action.id, 'action.overdue', 2);
    expect(await journalled('action.overdue', 'actionId', action.id)).toBe(1);
    expectOwnerAndHolderOnce(sent);
  });

  it('an overdue action with the worker SIGKILLed mid-send (DATA unanswered): still told once each', async () => {
    // Both notices (owner's and holder's) are held on the wire, so the worker dies before the server has
    // accepted either: a kill after one was accepted but before its row was marked is the documented window
    // in which a provider may see a repeat, and this test must not race into it.
    const held = inbox.holdNextMany(2);
    const action = await logAction('Call the care homes', 3);
    const messageIds = await held;
    expect(await journalled('action.overdue', 'actionId', action.id)).toBe(1);
    await worker.kill();
    inbox.dropHeld();
    await worker.restart();
    const sent = await untilSent(action.id, 'action.overdue', 2, 45_000);
    expectOwnerAndHolderOnce(sent);
    for (const messageId of messageIds) {
      expect(inbox.attempts.filter((id) => id === messageId).length).toBeGreaterThanOrEqual(2);
      expect(inbox.acceptedWith(messageId)).toHaveLength(1);
    }
    expect(await journalled('action.overdue', 'actionId', action.id)).toBe(1);
  });
});
