import { atLevel, REGIONAL_HOLDER } from '@muster/builders';
import type { JournalRecord } from '@muster/contracts';
import {
  FakeChannelSender,
  FakeClock,
  FakeDecisionRequestReader,
  FakeEscalationReader,
  FakeNotificationOutbox,
  FakeRecipients,
} from '@muster/doubles';
import type { DeliverySettingsValues } from './delivery-settings';
import type { NotifiableEvent } from './notification-plan';
import { NotificationPlanner } from './notification-planner';
import { SendNotification } from './send-notification/send-notification.command';
import { SendNotificationHandler } from './send-notification/send-notification.handler';

const CLIMBED_AT = new Date('2026-12-04T08:59:30.000Z');
/** The regional shift changes hands half a minute after the climb, before its notice is planned and sent. */
const HANDOVER = new Date('2026-12-04T09:00:00.000Z');
const LATER = new Date('2026-12-04T09:05:00.000Z');

const settings: DeliverySettingsValues = {
  retry: { delayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 3 },
  sendTimeoutMs: 30_000,
  publicUrl: 'https://muster.example',
  timeZone: 'Europe/London',
  subscribers: [],
};

function harness() {
  const recipients = new FakeRecipients()
    .add({ key: REGIONAL_HOLDER.key, name: REGIONAL_HOLDER.name, email: 'sam@wm.example' })
    .add({ key: 'next-holder', name: 'Nia Patel', email: 'nia@wm.example' })
    .hold('regional', REGIONAL_HOLDER.key, new Date(0), HANDOVER)
    .hold('regional', 'next-holder', HANDOVER);
  const email = new FakeChannelSender('email');
  const outbox = new FakeNotificationOutbox();
  const clock = new FakeClock(LATER);
  const handler = new SendNotificationHandler(
    outbox,
    recipients,
    [email],
    new FakeEscalationReader([atLevel('regional', { id: 'esc-1' })]),
    new FakeDecisionRequestReader(),
    settings,
    clock,
  );
  const planner = new NotificationPlanner(recipients, [email]);
  /** The climb as the journal has it; `heldBy` as the ladder recorded it, or absent (an event from before heldBy). */
  const climb = (heldBy?: { key: string; name: string }): JournalRecord => ({
    seq: 9,
    type: 'escalation.escalated',
    at: CLIMBED_AT.toISOString(),
    cell: 'ppe',
    authorities: [],
    topics: [],
    marking: 'OFFICIAL',
    data: {
      id: 'esc-1',
      title: 'FFP3 stock below two days',
      level: 'regional',
      from: 'cell',
      severity: 'high',
      heldBy,
    },
  });
  /** Plans and sends the climb's notice after the handover, as a relay catching up would. */
  const planAndSend = async (event: JournalRecord) => {
    outbox.journal.set(event.seq, event);
    const notifiable: NotifiableEvent = { ...event, actor: 'system', raisedBy: 'system' };
    const owed = await outbox.record([event.seq], await planner.plan([notifiable]));
    for (const row of owed) await handler.execute(new SendNotification(row.id));
    return email.sent.map((s) => s.to.key);
  };
  return { recipients, climb, planAndSend };
}

describe('a regional holder who changes between the climb and the send', () => {
  it('tells the holder recorded on the climb, not whoever holds the scope when the notice is sent', async () => {
    const h = harness();
    // The rota really has changed hands by now: a fresh read would name the next holder.
    expect((await h.recipients.holderOf('regional', LATER)).key).toBe('next-holder');
    expect(await h.planAndSend(h.climb(REGIONAL_HOLDER))).toEqual([REGIONAL_HOLDER.key]);
  });

  it('tells the holder as the rota stood at the climb when the event records none', async () => {
    const h = harness();
    expect(await h.planAndSend(h.climb())).toEqual([REGIONAL_HOLDER.key]);
  });

  it('tells the next holder when the climb happened at the handover itself: the later shift holds from the boundary', async () => {
    const h = harness();
    expect(await h.planAndSend({ ...h.climb(), at: HANDOVER.toISOString() })).toEqual(['next-holder']);
  });
});
