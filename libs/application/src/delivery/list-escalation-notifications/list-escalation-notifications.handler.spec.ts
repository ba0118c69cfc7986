import { escalation, lead, outcomeOf, regional } from '@muster/builders';
import { FakeAccessAudit, FakeEscalationReader, FakeNotificationOutbox } from '@muster/doubles';
import { ListEscalationNotifications } from './list-escalation-notifications.query';
import { ListEscalationNotificationsHandler } from './list-escalation-notifications.handler';

async function harness(marking: 'OFFICIAL' | 'OFFICIAL-SENSITIVE') {
  const outbox = new FakeNotificationOutbox();
  const audit = new FakeAccessAudit();
  const handler = new ListEscalationNotificationsHandler(
    new FakeEscalationReader([escalation({ id: 'esc-1', marking })]),
    outbox,
    audit,
  );
  const [owed] = await outbox.record(
    [3],
    [
      {
        eventSeq: 3,
        eventType: 'escalation.raised',
        subject: { kind: 'escalation', id: 'esc-1' },
        recipientKey: 'lead-priya',
        recipientName: 'Priya Shah',
        channel: 'email',
        reason: 'holder',
      },
    ],
  );
  return { handler, audit, outbox, id: owed?.id };
}

describe('what was sent about an escalation', () => {
  it('shows each notification: to whom by name and key, the channel, how it went; no address', async () => {
    const h = await harness('OFFICIAL');
    const { items } = await h.handler.execute(new ListEscalationNotifications(regional(), 'esc-1'));
    expect(items).toEqual([
      {
        id: h.id,
        event: { seq: 3, type: 'escalation.raised' },
        recipient: { key: 'lead-priya', name: 'Priya Shah' },
        channel: 'email',
        status: 'pending',
        attempts: 0,
        createdAt: expect.any(String),
        sentAt: null,
        deliveredAt: null,
        providerStatus: null,
        lastError: null,
        nextAttemptAt: expect.any(String),
      },
    ]);
  });

  it('is refused as not found to someone who may not see the escalation, and audited for who may', async () => {
    const h = await harness('OFFICIAL-SENSITIVE');
    const uncleared = lead({ cells: ['food'] });
    expect(await outcomeOf(h.handler.execute(new ListEscalationNotifications(uncleared, 'esc-1')))).toBe('not-found');
    expect(await outcomeOf(h.handler.execute(new ListEscalationNotifications(regional(), 'no-such')))).toBe(
      'not-found',
    );
    const cleared = regional({ clearance: 'OFFICIAL-SENSITIVE' });
    await h.handler.execute(new ListEscalationNotifications(cleared, 'esc-1'));
    expect(h.audit.calls).toEqual([
      { sub: cleared.sub, entries: [expect.objectContaining({ itemType: 'escalation', itemId: 'esc-1' })] },
    ]);
  });
});
