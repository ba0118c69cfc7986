import { escalation, RAISED_AT } from '@muster/builders';
import {
  FakeChannelSender,
  FakeClock,
  FakeDecisionRequestReader,
  FakeEscalationReader,
  FakeNotificationOutbox,
  FakeRecipients,
} from '@muster/doubles';
import type { JournalRecord, Marking } from '@muster/contracts';
import { ChannelRefused } from '../../ports/channels';
import type { DeliverySettingsValues } from '../delivery-settings';
import { SendNotification } from './send-notification.command';
import { SendNotificationHandler } from './send-notification.handler';

const settings: DeliverySettingsValues = {
  retry: { delayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 3 },
  sendTimeoutMs: 30_000,
  publicUrl: 'https://muster.example',
  timeZone: 'Europe/London',
  subscribers: [{ key: 'webhook:coventry', name: 'coventry', webhookUrl: 'https://coventry.example/hook' }],
};

function harness(marking: Marking = 'OFFICIAL') {
  const outbox = new FakeNotificationOutbox();
  const email = new FakeChannelSender('email');
  const webhook = new FakeChannelSender('webhook');
  const clock = new FakeClock(new Date(RAISED_AT.getTime() + 1_000));
  const escalations = new FakeEscalationReader([escalation({ id: 'esc-1', marking })]);
  const recipients = new FakeRecipients().add({ key: 'ppe-lead', name: 'Priya Shah', email: 'priya@wm.example' });
  const handler = new SendNotificationHandler(
    outbox,
    recipients,
    [email, webhook],
    escalations,
    new FakeDecisionRequestReader(),
    settings,
    clock,
  );
  const event: JournalRecord = {
    seq: 5,
    type: 'escalation.raised',
    at: RAISED_AT.toISOString(),
    cell: 'ppe',
    authorities: [],
    topics: [],
    marking,
    data: {
      id: 'esc-1',
      title: 'FFP3 stock below two days',
      detail: 'Care homes run out',
      level: 'cell',
      severity: 'high',
      actor: 'Jas Kaur',
    },
  };
  outbox.journal.set(5, event);
  const plan = async (
    to: { key: string; name: string; channel: 'email' | 'webhook'; reason: 'holder' | 'subscriber' } = {
      key: 'ppe-lead',
      name: 'Priya Shah',
      channel: 'email',
      reason: 'holder',
    },
  ) => {
    const [owed] = await outbox.record(
      [5],
      [
        {
          eventSeq: 5,
          eventType: 'escalation.raised',
          subject: { kind: 'escalation', id: 'esc-1' },
          recipientKey: to.key,
          recipientName: to.name,
          channel: to.channel,
          reason: to.reason,
        },
      ],
    );
    if (owed === undefined) throw new Error('nothing planned');
    return owed.id;
  };
  const send = (id: string) => handler.execute(new SendNotification(id));
  return { outbox, email, webhook, clock, escalations, plan, send };
}

describe('sending one notification', () => {
  it('sends once with the notification id as the idempotency key, and records the receipt', async () => {
    const h = harness();
    const id = await h.plan();
    expect(await h.send(id)).toEqual({ outcome: 'sent', channel: 'email' });
    expect(await h.send(id)).toEqual({ outcome: 'settled' });
    expect(h.email.sent).toHaveLength(1);
    expect(h.email.sent[0]?.message).toMatchObject({ id, link: 'https://muster.example/escalations/esc-1' });
    expect(await h.outbox.byId(id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      providerReference: 'email-1',
      providerStatus: 'accepted',
      sentAt: h.clock.now().toISOString(),
    });
  });

  it('cancels a call to act on an escalation acknowledged since, and sends nothing', async () => {
    const h = harness();
    const id = await h.plan();
    h.escalations.escalations = [escalation({ id: 'esc-1', status: 'acknowledged' })];
    expect(await h.send(id)).toEqual({ outcome: 'cancelled', channel: 'email' });
    expect(h.email.sent).toEqual([]);
    expect(await h.outbox.byId(id)).toMatchObject({
      status: 'cancelled',
      attempts: 0,
      lastError: 'the escalation was acknowledged before this was sent',
    });
  });

  it('retries a retryable refusal after a backoff, not before, then sends once', async () => {
    const h = harness();
    h.email.refuseNext(new ChannelRefused('451 4.3.0 try again later', true), 1);
    const id = await h.plan();
    const first = await h.send(id);
    expect(first.outcome).toBe('retry');
    const dueAt = 'dueAt' in first ? Date.parse(first.dueAt) : NaN;
    expect(dueAt - h.clock.now().getTime()).toBeGreaterThanOrEqual(500);
    expect(dueAt - h.clock.now().getTime()).toBeLessThanOrEqual(1_000);
    expect(await h.outbox.byId(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'ChannelRefused: 451 4.3.0 try again later',
    });
    expect(await h.send(id)).toEqual({ outcome: 'early', dueAt: new Date(dueAt).toISOString() });
    h.clock.set(new Date(dueAt));
    expect(await h.send(id)).toEqual({ outcome: 'sent', channel: 'email' });
    expect(h.email.sent).toHaveLength(1);
    expect(await h.outbox.byId(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('gives up after the last attempt with the reason visible', async () => {
    const h = harness();
    h.email.refuseNext(new ChannelRefused('provider down', true), 3);
    const id = await h.plan();
    for (let attempt = 1; attempt <= 2; attempt++) {
      expect((await h.send(id)).outcome).toBe('retry');
      h.clock.advance(60_000);
    }
    expect(await h.send(id)).toEqual({ outcome: 'failed', channel: 'email' });
    expect(await h.outbox.byId(id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'ChannelRefused: provider down',
    });
    expect(h.email.sent).toEqual([]);
  });

  it('fails at once on a refusal that retrying cannot mend', async () => {
    const h = harness();
    h.email.refuseNext(new ChannelRefused('550 no such mailbox', false), 1);
    const id = await h.plan();
    expect(await h.send(id)).toEqual({ outcome: 'failed', channel: 'email' });
    expect(await h.outbox.byId(id)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('takes over a send whose worker died only once its lease has run out, with the same id', async () => {
    const h = harness();
    const id = await h.plan();
    await h.outbox.claim(id, h.clock.now(), new Date(h.clock.now().getTime() + settings.sendTimeoutMs));
    expect((await h.send(id)).outcome).toBe('early');
    expect(h.email.sent).toEqual([]);
    h.clock.advance(settings.sendTimeoutMs);
    expect(await h.send(id)).toEqual({ outcome: 'sent', channel: 'email' });
    expect(h.email.sent.map((s) => s.message.id)).toEqual([id]);
    expect(await h.outbox.byId(id)).toMatchObject({ attempts: 2 });
  });

  it("never puts an OFFICIAL-SENSITIVE item's title or detail in the message", async () => {
    const h = harness('OFFICIAL-SENSITIVE');
    await h.send(await h.plan());
    const message = h.email.sent[0]?.message;
    expect(message?.body).toContain('OFFICIAL-SENSITIVE');
    expect(JSON.stringify(message)).not.toMatch(/FFP3|Care homes/);
  });

  it('sends to a subscribed council system from the channels configuration, which the directory does not hold', async () => {
    const h = harness();
    const id = await h.plan({ key: 'webhook:coventry', name: 'coventry', channel: 'webhook', reason: 'subscriber' });
    expect(await h.send(id)).toEqual({ outcome: 'sent', channel: 'webhook' });
    expect(h.webhook.sent.map((s) => [s.to.key, s.message.id])).toEqual([['webhook:coventry', id]]);
  });
});
