import type { Marking } from '@muster/contracts';
import { FakeChannelSender, FakeRecipients } from '@muster/doubles';
import type { Recipient } from '../ports/recipients';
import type { NotifiableEvent, PlannedNotification } from './notification-plan';
import { NotificationPlanner } from './notification-planner';

const AT = '2026-12-04T09:00:00.000Z';

const people = () =>
  new FakeRecipients()
    .add({ key: 'raiser', name: 'Jas Kaur', email: 'jas@sandwell.example', mobile: '07700900001' })
    .add({ key: 'ppe-lead', name: 'Priya Shah', email: 'priya@wm.example' })
    .add({ key: 'regional', name: 'Sam Hughes', email: 'sam@wm.example', teamsWebhook: 'https://teams.example/sam' })
    .add({ key: 'mayor-1', name: 'Alex Morgan', email: 'alex@wm.example', roles: ['mayors-office'] })
    .add({ key: 'mayor-2', name: 'Kit Lowe', mobile: '07700900002', roles: ['mayors-office'] })
    .add({ key: 'owner', name: 'Ola Owner', email: 'ola@wm.example' })
    .hold('ppe', 'ppe-lead')
    .hold('regional', 'regional')
    .fallback('national', { key: 'contact:national', name: 'National contact point', email: 'ncp@gov.example' });

const channels = () => [new FakeChannelSender('email'), new FakeChannelSender('sms'), new FakeChannelSender('teams')];

function escalationEvent(
  type: string,
  over: Partial<NotifiableEvent> & { data?: Record<string, unknown> },
): NotifiableEvent {
  const { data, ...rest } = over;
  return {
    seq: 7,
    type,
    at: AT,
    marking: 'OFFICIAL',
    cell: 'ppe',
    actor: 'system',
    raisedBy: 'raiser',
    ...rest,
    data: { id: 'esc-1', severity: 'critical', level: 'cell', ...data },
  };
}

const who = (rows: PlannedNotification[]) => rows.map((r) => `${r.recipientKey}/${r.channel}`).sort();

type EventInput = Omit<NotifiableEvent, 'marking'> & { marking?: Marking };

async function plan(
  event: EventInput,
  recipients = people(),
  senders: FakeChannelSender[] = channels(),
  subscribers: Recipient[] = [],
) {
  return new NotificationPlanner(recipients, senders, subscribers).plan([{ marking: 'OFFICIAL', ...event }]);
}

describe('which notifications an event causes', () => {
  it('tells the holder of the level an escalation is raised to, on each channel they reach, but not the raiser who raised it', async () => {
    const rows = await plan(escalationEvent('escalation.raised', { actor: 'raiser' }));
    expect(who(rows)).toEqual(['ppe-lead/email']);
    expect(rows[0]).toMatchObject({
      eventSeq: 7,
      eventType: 'escalation.raised',
      subject: { kind: 'escalation', id: 'esc-1' },
      recipientName: 'Priya Shah',
      reason: 'holder',
    });
  });

  it('tells the new level holder and the raiser when the ladder climbs', async () => {
    const climbed = await plan(escalationEvent('escalation.escalated', { data: { level: 'regional', from: 'cell' } }));
    expect(who(climbed)).toEqual(['raiser/email', 'raiser/sms', 'regional/email', 'regional/teams']);
    expect(climbed.map((r) => `${r.recipientKey}:${r.reason}`)).toEqual(
      expect.arrayContaining(['raiser:raiser', 'regional:holder']),
    );
    const national = await plan(escalationEvent('escalation.escalated', { data: { level: 'national' } }));
    expect(who(national)).toEqual(['contact:national/email', 'raiser/email', 'raiser/sms']);
  });

  it('tells the holder recorded on the step (heldBy), not whoever holds the rota when planning runs', async () => {
    const recipients = people().add({ key: 'cover', name: 'Cover Person', email: 'cover@wm.example' });
    const rows = await plan(
      escalationEvent('escalation.escalated', { data: { level: 'regional', heldBy: { key: 'cover', name: 'Cover' } } }),
      recipients,
    );
    expect(who(rows)).toContain('cover/email');
    expect(who(rows)).not.toContain('regional/email');
  });

  it('never tells people of their own step: a raiser who acknowledges is not told, the holder is', async () => {
    const byRaiser = await plan(escalationEvent('escalation.acknowledged', { actor: 'raiser' }));
    expect(who(byRaiser)).toEqual(['ppe-lead/email']);
    const byHolder = await plan(escalationEvent('escalation.resolved', { actor: 'ppe-lead' }));
    expect(who(byHolder)).toEqual(['raiser/email', 'raiser/sms']);
  });

  it('tells holder and raiser when an escalation goes overdue, and the holder alone when a promised update is late', async () => {
    expect(who(await plan(escalationEvent('escalation.overdue', { data: { level: 'national' } })))).toEqual([
      'contact:national/email',
      'raiser/email',
      'raiser/sms',
    ]);
    expect(who(await plan(escalationEvent('escalation.update-overdue', {})))).toEqual(['ppe-lead/email']);
  });

  it('tells who took a handed-over escalation, and nobody else: not the raiser, not the one who handed it over', async () => {
    const recipients = people().add({ key: 'cover', name: 'Cover Person', email: 'cover@wm.example' });
    const rows = await plan(
      escalationEvent('escalation.handed-over', {
        actor: 'ppe-lead',
        data: { heldBy: { key: 'cover', name: 'Cover Person' }, handedOverBy: { key: 'ppe-lead', name: 'Priya Shah' } },
      }),
      recipients,
    );
    expect(who(rows)).toEqual(['cover/email']);
    expect(rows[0]).toMatchObject({ eventType: 'escalation.handed-over', reason: 'holder' });
  });

  it('tells a holder who is also the raiser once per channel', async () => {
    const rows = await plan(
      escalationEvent('escalation.escalated', { raisedBy: 'regional', data: { level: 'regional' } }),
    );
    expect(who(rows)).toEqual(['regional/email', 'regional/teams']);
    expect(rows.map((r) => r.reason)).toEqual(['holder', 'holder']);
  });

  it('does not tell the raiser of an escalation Muster raised itself', async () => {
    const rows = await plan(
      escalationEvent('escalation.escalated', { raisedBy: 'system', data: { level: 'national' } }),
    );
    expect(who(rows)).toEqual(['contact:national/email']);
  });

  it('sends on the channels a person wants for the severity, and only those they can be reached on', async () => {
    const recipients = people().add({
      key: 'raiser',
      name: 'Jas Kaur',
      email: 'jas@sandwell.example',
      mobile: '07700900001',
      preferences: { critical: ['sms', 'teams'], low: [] },
    });
    expect(
      who(await plan(escalationEvent('escalation.escalated', { data: { level: 'national' } }), recipients)),
    ).toEqual(['contact:national/email', 'raiser/sms']);
    expect(
      who(
        await plan(
          escalationEvent('escalation.escalated', { data: { level: 'national', severity: 'low' } }),
          recipients,
        ),
      ),
    ).toEqual(['contact:national/email']);
    expect(
      who(
        await plan(
          escalationEvent('escalation.escalated', { data: { level: 'national', severity: 'high' } }),
          recipients,
        ),
      ),
    ).toEqual(['contact:national/email', 'raiser/email', 'raiser/sms']);
  });

  it('tells the cell holder when a decision request opens, and regional when it goes overdue', async () => {
    const base = { seq: 9, at: AT, cell: 'ppe', actor: 'raiser', data: { id: 'req-1' } };
    const opened = await plan({ ...base, type: 'decision-request.opened' });
    expect(who(opened)).toEqual(['ppe-lead/email']);
    expect(opened[0]).toMatchObject({
      subject: { kind: 'decision-request', id: 'req-1', cell: 'ppe' },
      reason: 'cell-holder',
    });
    expect(who(await plan({ ...base, actor: 'system', type: 'decision-request.overdue' }))).toEqual([
      'regional/email',
      'regional/teams',
    ]);
  });

  it("sends the daily report to everyone in the mayor's office, and nothing for the weekly briefing", async () => {
    const daily = await plan({
      seq: 11,
      type: 'feed.published',
      at: AT,
      actor: 'system',
      data: { kind: 'daily', date: '2026-12-03', version: 1 },
    });
    expect(who(daily)).toEqual(['mayor-1/email', 'mayor-2/sms']);
    expect(daily[0]).toMatchObject({ subject: { kind: 'feed', id: '2026-12-03' }, reason: 'mayors-office' });
    const weekly = await plan({
      seq: 12,
      type: 'feed.published',
      at: AT,
      actor: 'system',
      data: { kind: 'weekly', week: '2026-W48' },
    });
    expect(weekly).toEqual([]);
  });

  it("tells an overdue action's owner and the cell's holder; an owner outside Muster is skipped", async () => {
    const base = { seq: 13, type: 'action.overdue', at: AT, cell: 'ppe', actor: 'system' };
    expect(who(await plan({ ...base, data: { actionId: 'act-1', owner: 'owner' } }))).toEqual([
      'owner/email',
      'ppe-lead/email',
    ]);
    expect(who(await plan({ ...base, data: { actionId: 'act-1', owner: 'A Volunteer' } }))).toEqual(['ppe-lead/email']);
  });

  it('uses the fallback contact when no shift covers the time of the event', async () => {
    const recipients = new FakeRecipients()
      .add({ key: 'day', name: 'Day Lead', email: 'day@wm.example' })
      .hold('ppe', 'day', new Date('2026-12-04T08:00:00Z'), new Date('2026-12-04T09:00:00Z'))
      .fallback('ppe', { key: 'contact:ppe', name: 'PPE duty desk', email: 'ppe@wm.example' });
    expect(who(await plan(escalationEvent('escalation.raised', { raisedBy: 'x', actor: 'x' }), recipients))).toEqual([
      'contact:ppe/email',
    ]);
  });

  it("tells councils' subscribed systems of every notified OFFICIAL event, and of no OFFICIAL-SENSITIVE one", async () => {
    const coventry: Recipient = {
      key: 'webhook:coventry',
      name: 'coventry',
      webhookUrl: 'https://coventry.example/hook',
    };
    const webhook = new FakeChannelSender('webhook');
    const official = await plan(
      escalationEvent('escalation.raised', { actor: 'raiser' }),
      people(),
      [webhook, ...channels()],
      [coventry],
    );
    expect(who(official)).toEqual(['ppe-lead/email', 'webhook:coventry/webhook']);
    expect(official.find((r) => r.channel === 'webhook')?.reason).toBe('subscriber');
    const sensitive = await plan(
      escalationEvent('escalation.raised', { actor: 'raiser', marking: 'OFFICIAL-SENSITIVE' }),
      people(),
      [webhook, ...channels()],
      [coventry],
    );
    expect(who(sensitive)).toEqual(['ppe-lead/email']);
    const feed = await plan(
      { seq: 11, type: 'feed.published', at: AT, actor: 'system', data: { kind: 'daily', date: '2026-12-03' } },
      people(),
      [webhook],
      [coventry],
    );
    expect(who(feed)).toEqual(['webhook:coventry/webhook']);
  });

  it('plans nothing for events that tell nobody, or when no channel is configured', async () => {
    expect(await plan({ seq: 1, type: 'decision.logged', at: AT, cell: 'ppe', actor: 'a', data: { id: 'd' } })).toEqual(
      [],
    );
    expect(await plan(escalationEvent('escalation.raised', {}), people(), [])).toEqual([]);
  });
});
