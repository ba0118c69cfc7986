import type { Role } from '@muster/contracts';
import {
  ACK_SLA,
  createTestDatabase,
  escalationInput,
  expectStatus,
  freePort,
  http,
  mintToken,
  readMail,
  sample,
  scrape,
  SLA_MS,
  startApi,
  startHttpReceiver,
  startRedisServer,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  waitFor,
  waitForEscalation,
  type EscalationBody,
  type HttpClient,
  type HttpReceiver,
  type RedisServer,
  type StartOptions,
  type TestDatabase,
  type WorkerHandle,
} from '@muster/testing';
import { BIRMINGHAM } from '@muster/builders';
import { verifyWebhook } from '@muster/messaging';
import { type SmtpInbox, startSmtpInbox } from './smtp-inbox';

/**
 * Delivery exactly once per (event, person, channel), against the real api and worker, a real SMTP server
 * in this process, people and rotas set through the API, and a redis-server of this file's own (so FLUSHALL
 * touches nothing else). Every test ends on the same judgement: each notification the api reports as sent
 * was accepted by the SMTP server exactly once (by its Message-ID, made from the notification id), and the
 * server accepted nothing else.
 */

interface NotificationBody {
  id: string;
  event: { seq: number; type: string };
  recipient: { key: string; name: string };
  channel: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';
  attempts: number;
  sentAt: string | null;
  providerStatus: string | null;
  lastError: string | null;
}

const FROM_DOMAIN = 'muster.test';
const WEBHOOK_SECRET = 'coventry-webhook-secret-of-at-least-32-characters';
const NATIONAL = { key: 'contact:national', email: 'ncc-duty@national-coordination.example.gov.uk' };
const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
const messageIdOf = (notificationId: string) => `<notification.${notificationId}@${FROM_DOMAIN}>`;
const settled = (n: NotificationBody) => n.status !== 'pending' && n.status !== 'sending';

describe('notifications are delivered exactly once per event, person and channel', () => {
  let redis: RedisServer;
  let inbox: SmtpInbox;
  let council: HttpReceiver;
  let db: TestDatabase;
  let worker: WorkerHandle;
  let metricsUrl: string;
  const run = Math.random().toString(36).slice(2, 8);
  const subs = { raiser: `raiser-${run}`, lead: `lead-${run}`, regional: `regional-${run}` };
  const emails = { raiser: `jas.${run}@sandwell.example.org`, lead: `priya.${run}@wm.example.org` };
  const regionalEmail = `sam.${run}@wm.example.org`;
  let raiser: HttpClient;
  let lead: HttpClient;
  let regional: HttpClient;

  const as = async (sub: string, name: string, roles: Role[], extra: Record<string, unknown> = {}) => {
    const { apiUrl } = urls;
    return http(apiUrl, await mintToken({ sub, name, roles, ...extra }));
  };
  const urls = { apiUrl: '' };

  const raise = async (overrides: Record<string, unknown>): Promise<EscalationBody> =>
    expectStatus<EscalationBody>(await raiser.post('/api/v1/escalations', escalationInput(overrides)), 201);
  const told = async (id: string): Promise<NotificationBody[]> =>
    expectStatus<{ items: NotificationBody[] }>(await regional.get(`/api/v1/escalations/${id}/notifications`), 200)
      .items;
  const untilTold = (
    id: string,
    done: (items: NotificationBody[]) => boolean,
    description: string,
    timeoutMs = 30_000,
  ) =>
    waitFor(
      async () => {
        const items = await told(id);
        return done(items) ? items : undefined;
      },
      { timeoutMs, intervalMs: 200, description },
    );
  const untilSettled = (id: string, count: number, timeoutMs = 30_000) =>
    untilTold(
      id,
      (items) => items.length >= count && items.every(settled),
      `${String(count)} settled notifications`,
      timeoutMs,
    );

  /** What the receiving end took for a notification: the SMTP server's acceptances, or the council's POSTs. */
  const received = (n: NotificationBody): number =>
    n.channel === 'email'
      ? inbox.acceptedWith(messageIdOf(n.id)).length
      : council.requests.filter((r) => r.headers['x-muster-delivery'] === n.id).length;
  /** The judgement: every sent notification received once with its id, nothing else, and no mail twice. */
  const expectExactlyOnce = (all: NotificationBody[]) => {
    expect(all.map((n) => ({ id: n.id, status: n.status, received: received(n) }))).toEqual(
      all.map((n) => ({ id: n.id, status: n.status, received: n.status === 'sent' ? 1 : 0 })),
    );
    const ids = inbox.accepted.map((mail) => mail.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  };
  const byEmail = (items: NotificationBody[]) => items.filter((n) => n.channel === 'email');
  const outline = (items: NotificationBody[]) =>
    items.map((n) => `${n.event.type} → ${n.recipient.key} (${n.channel}) ${n.status}`).sort();

  beforeAll(async () => {
    [redis, inbox, db, council] = await Promise.all([
      startRedisServer(),
      startSmtpInbox(),
      createTestDatabase(),
      startHttpReceiver(),
    ]);
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${String(metricsPort)}/metrics`;
    const options: StartOptions = {
      databaseUrl: db.url,
      redisPrefix: uniqueRedisPrefix(),
      redisUrl: redis.url,
      env: {
        ESCALATION_ACK_SLA: ACK_SLA,
        ESCALATION_RECONCILE_INTERVAL: '1s',
        WORKER_METRICS_PORT: String(metricsPort),
        SMTP_URL: inbox.url,
        SMTP_FROM: `Muster <muster@${FROM_DOMAIN}>`,
        NOTIFICATION_RETRY_DELAY: '200ms',
        NOTIFICATION_RETRY_MAX_DELAY: '1s',
        NOTIFICATION_SEND_TIMEOUT: '3s',
        WEBHOOK_SUBSCRIBERS: JSON.stringify([
          { name: 'coventry', url: `${council.url}/muster`, secretEnv: 'WEBHOOK_SECRET_COVENTRY' },
        ]),
        WEBHOOK_SECRET_COVENTRY: WEBHOOK_SECRET,
      },
    };
    const [api, started] = await Promise.all([startApi(options), startWorker(options)]);
    worker = started;
    urls.apiUrl = api.url;
    raiser = await as(subs.raiser, 'Jas Kaur', ['authority-officer'], { authority: BIRMINGHAM });
    lead = await as(subs.lead, 'Priya Shah', ['cell-lead'], { cells: ['ppe'] });
    regional = await as(subs.regional, 'Sam Hughes', ['regional-coordinator']);
    expectStatus(await raiser.put('/api/v1/me', { email: emails.raiser }), 200);
    expectStatus(await lead.put('/api/v1/me', { email: emails.lead }), 200);
    expectStatus(await regional.put('/api/v1/me', { email: regionalEmail }), 200);
    expectStatus(
      await regional.put('/api/v1/rotas/ppe', { shifts: [{ sub: subs.lead, from: hours(-1), to: hours(12) }] }),
      200,
    );
    expectStatus(
      await regional.put('/api/v1/rotas/regional', {
        shifts: [{ sub: subs.regional, from: hours(-1), to: hours(12) }],
      }),
      200,
    );
  });

  afterAll(async () => {
    await stopAll();
    await inbox?.close();
    await council?.close();
    await redis?.stop();
    await db?.drop();
  });

  it('an unacknowledged critical escalation: each holder told once as it climbs, the raiser once per step', async () => {
    const escalation = await raise({ severity: 'critical', title: 'Climbs unanswered' });
    await waitForEscalation(
      regional,
      escalation.id,
      (e) => e.overdue,
      'to be overdue',
      3 * 3 * SLA_MS.critical + 5_000,
    );
    const items = await untilSettled(escalation.id, 11);
    // A council's system subscribed by signed webhook is told of each of the four steps, once, signed.
    const hooks = items.filter((n) => n.channel === 'webhook');
    expect(hooks.map((n) => `${n.event.type} ${n.recipient.key} ${n.status}`).sort()).toEqual([
      'escalation.escalated webhook:coventry sent',
      'escalation.escalated webhook:coventry sent',
      'escalation.overdue webhook:coventry sent',
      'escalation.raised webhook:coventry sent',
    ]);
    for (const n of hooks) {
      const posts = council.requests.filter((r) => r.headers['x-muster-delivery'] === n.id);
      expect(posts).toHaveLength(1);
      const [post] = posts;
      const signature = post?.headers['x-muster-signature'];
      expect(
        verifyWebhook(
          WEBHOOK_SECRET,
          post?.body ?? '',
          typeof signature === 'string' ? signature : undefined,
          new Date(),
        ),
      ).toBe('valid');
      expect(JSON.parse(post?.body ?? '{}')).toMatchObject({
        id: n.id,
        event: { type: n.event.type, seq: n.event.seq },
      });
    }
    expect(outline(items.filter((n) => n.channel === 'email'))).toEqual(
      [
        `escalation.raised → ${subs.lead} (email) sent`,
        `escalation.escalated → ${subs.regional} (email) sent`,
        `escalation.escalated → ${subs.raiser} (email) sent`,
        `escalation.escalated → ${NATIONAL.key} (email) sent`,
        `escalation.escalated → ${subs.raiser} (email) sent`,
        `escalation.overdue → ${NATIONAL.key} (email) sent`,
        `escalation.overdue → ${subs.raiser} (email) sent`,
      ].sort(),
    );
    expectExactlyOnce(items);
    const to = (key: string) =>
      items.filter((n) => n.recipient.key === key).flatMap((n) => inbox.acceptedWith(messageIdOf(n.id)));
    expect(to(subs.lead).map((m) => m.to)).toEqual([[emails.lead]]);
    expect(to(subs.regional).map((m) => m.to)).toEqual([[regionalEmail]]);
    expect(to(NATIONAL.key).map((m) => m.to)).toEqual([[NATIONAL.email], [NATIONAL.email]]);
    expect(to(subs.raiser)).toHaveLength(3);
    expect(byEmail(items).every((n) => n.providerStatus?.startsWith('250') === true)).toBe(true);
    // Counted by channel and outcome on the worker's /metrics (this worker sent all of them).
    const samples = await scrape(metricsUrl);
    expect(sample(samples, 'muster_notifications_total', { channel: 'email', outcome: 'sent' })).toBe(7);
    expect(sample(samples, 'muster_notifications_total', { channel: 'webhook', outcome: 'sent' })).toBe(4);
    expect(sample(samples, 'muster_notifications_total', { channel: 'email', outcome: 'failed' })).toBe(0);
  });

  it("a sensitive escalation's messages carry neither its title nor its detail, and no council system hears of it", async () => {
    const cleared = await as(`cleared-${run}`, 'Jas Cleared', ['authority-officer'], {
      authority: BIRMINGHAM,
      clearance: 'OFFICIAL-SENSITIVE',
    });
    expectStatus(await cleared.put('/api/v1/me', { email: `cleared.${run}@sandwell.example.org` }), 200);
    const title = 'Named resident at Oak Lodge refuses to shield';
    const detail = 'Mrs A. Example, 14 Oak Lane, has declined the shielding letter twice';
    const escalation = expectStatus<EscalationBody>(
      await cleared.post(
        '/api/v1/escalations',
        escalationInput({ severity: 'low', title, detail, ask: 'Visit today', marking: 'OFFICIAL-SENSITIVE' }),
      ),
      201,
    );
    // Only someone cleared may read what was sent about it: the regional coordinator here is not (404).
    expect((await regional.get(`/api/v1/escalations/${escalation.id}/notifications`)).status).toBe(404);
    const items = await waitFor(
      async () => {
        const { items: now } = expectStatus<{ items: NotificationBody[] }>(
          await cleared.get(`/api/v1/escalations/${escalation.id}/notifications`),
          200,
        );
        return now.length > 0 && now.every(settled) ? now : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, description: 'the sensitive notice settled' },
    );
    expect(outline(items)).toEqual([`escalation.raised → ${subs.lead} (email) sent`]);
    const [mail] = inbox.acceptedWith(messageIdOf(items[0]?.id ?? ''));
    const { headers, text } = readMail(mail?.raw ?? '');
    const read = `${headers.get('subject') ?? ''}\n${text}`;
    expect(read).toContain('OFFICIAL-SENSITIVE');
    expect(read).toContain(`/escalations/${escalation.id}`);
    for (const secret of ['Oak Lodge', 'refuses to shield', 'Mrs A. Example', '14 Oak Lane', 'Visit today']) {
      expect({ secret, found: read.includes(secret) || (mail?.raw ?? '').includes(secret) }).toEqual({
        secret,
        found: false,
      });
    }
    expectExactlyOnce(items);
  });

  it("tells the cell's holder when a decision request opens", async () => {
    const request = expectStatus<{ id: string }>(
      await regional.post('/api/v1/cells/ppe/decision-requests', {
        question: 'Open a second PPE distribution hub?',
        dueInMinutes: 60,
        marking: 'OFFICIAL',
      }),
      201,
    );
    const mail = await waitFor(
      () =>
        inbox.accepted.find(
          (m) =>
            m.to.includes(emails.lead) &&
            readMail(m.raw).text.includes(`/cells/ppe/decision-requests#request-${request.id}`),
        ),
      { timeoutMs: 15_000, description: 'the lead to be told of the request' },
    );
    expect(inbox.accepted.filter((m) => m.messageId === mail.messageId)).toHaveLength(1);
  });

  it('nothing after an acknowledgement: a call to act still being retried is cancelled, not sent', async () => {
    inbox.refuseAll(true);
    const escalation = await raise({ severity: 'low', title: 'Acknowledged while its notice is retried' });
    await untilTold(
      escalation.id,
      (items) => items.some((n) => n.event.type === 'escalation.raised' && n.attempts >= 1 && n.lastError !== null),
      'the raise notice refused once',
    );
    expectStatus(await lead.post(`/api/v1/escalations/${escalation.id}/acknowledge`, {}), 200);
    // Still refusing: an attempt already past its check when the acknowledgement came is refused too, so the
    // notice can only end cancelled (by a later attempt's check) or sent (the bug this test looks for).
    await untilTold(
      escalation.id,
      (items) => items.some((n) => n.event.type === 'escalation.raised' && settled(n)),
      'the raise notice settled',
    );
    inbox.refuseAll(false);
    const items = await untilSettled(escalation.id, 4);
    expect(outline(byEmail(items))).toEqual([
      `escalation.acknowledged → ${subs.raiser} (email) sent`,
      `escalation.raised → ${subs.lead} (email) cancelled`,
    ]);
    expect(items.find((n) => n.status === 'cancelled')?.lastError).toMatch(/acknowledged/);
    expectExactlyOnce(items);
  });

  it('an SMTP server refusing with 451 for a while: retried with backoff until accepted, once', async () => {
    inbox.refuseNext(3);
    const escalation = await raise({ severity: 'low', title: 'Refused three times' });
    const notice = byEmail(await untilSettled(escalation.id, 2)).find((n) => n.event.type === 'escalation.raised');
    expect(notice).toMatchObject({ status: 'sent', attempts: 4, lastError: null });
    expect(inbox.attempts.filter((id) => id === messageIdOf(notice?.id ?? ''))).toHaveLength(4);
    expectExactlyOnce(await told(escalation.id));
    expectStatus(await regional.post(`/api/v1/escalations/${escalation.id}/resolve`, { resolution: 'Done' }), 200);
    // Its holder and raiser are told of the resolution: let that settle before the next test watches the server.
    expectExactlyOnce(await untilSettled(escalation.id, 5));
  });

  it('the worker SIGKILLed mid-send (DATA not yet answered): a new worker sends it again, accepted once', async () => {
    const held = inbox.holdNext();
    const escalation = await raise({ severity: 'low', title: 'Sent while the worker dies' });
    const messageId = await held;
    await worker.kill();
    inbox.dropHeld();
    const [inFlight] = byEmail(await told(escalation.id));
    expect(inFlight).toMatchObject({ status: 'sending', attempts: 1 });
    expect(messageIdOf(inFlight?.id ?? '')).toBe(messageId);
    await worker.restart();
    const notice = byEmail(await untilSettled(escalation.id, 2, 45_000)).find(
      (n) => n.event.type === 'escalation.raised',
    );
    expect(notice).toMatchObject({ status: 'sent', attempts: 2 });
    expect(inbox.attempts.filter((id) => id === messageId)).toHaveLength(2);
    expect(inbox.acceptedWith(messageId)).toHaveLength(1);
    expectExactlyOnce(await told(escalation.id));
    expectStatus(await regional.post(`/api/v1/escalations/${escalation.id}/resolve`, { resolution: 'Done' }), 200);
    // Its holder and raiser are told of the resolution: let that settle before the next test watches the server.
    expectExactlyOnce(await untilSettled(escalation.id, 5));
  });

  it('Redis wiped (FLUSHALL) with sends pending: every notification still arrives, once', async () => {
    inbox.refuseAll(true);
    const raised = await Promise.all(
      [1, 2, 3].map((n) => raise({ severity: 'low', title: `Pending in a wipe ${String(n)}` })),
    );
    for (const e of raised) {
      await untilTold(
        e.id,
        (items) => byEmail(items).some((n) => n.attempts >= 1 && n.status === 'pending'),
        'a refused notice',
      );
    }
    await redis.flushAll();
    inbox.refuseAll(false);
    for (const e of raised) {
      const items = byEmail(await untilSettled(e.id, 2));
      expect(items.filter((n) => n.event.type === 'escalation.raised').map((n) => n.status)).toEqual(['sent']);
      expectStatus(await regional.post(`/api/v1/escalations/${e.id}/resolve`, { resolution: 'Done' }), 200);
    }
    for (const e of raised) expectExactlyOnce(await untilSettled(e.id, 5));
  });
});
