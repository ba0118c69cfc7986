import { GetDailyFeed } from './get-daily-feed.query';
import { GetDailyFeedHandler } from './get-daily-feed.handler';
import { GetRecentDailyFeeds, ListDailyFeeds } from '../list-daily-feeds/list-daily-feeds.query';
import { GetRecentDailyFeedsHandler, ListDailyFeedsHandler } from '../list-daily-feeds/list-daily-feeds.handler';
import { escalationRaised, outcomeOf, person } from '@muster/builders';
import { FakeAccessAudit, feedHarness } from '@muster/doubles';

/** Two published versions of 20 November and one of 19 November, the 20th with a sensitive escalation. */
async function published() {
  const h = feedHarness('2026-11-21T07:00:00.000Z');
  h.source.escalations = [
    escalationRaised('plain', '2026-11-20T09:00:00.000Z'),
    escalationRaised('secret', '2026-11-20T10:00:00.000Z', { marking: 'OFFICIAL-SENSITIVE' }),
  ];
  const now = h.clock.now();
  for (const date of ['2026-11-19', '2026-11-20', '2026-11-20'])
    await h.publisher.publish(date, 'system', now, () => undefined);
  const audit = new FakeAccessAudit();
  return {
    ...h,
    audit,
    get: new GetDailyFeedHandler(h.feeds, audit),
    list: new ListDailyFeedsHandler(h.feeds),
    recent: new GetRecentDailyFeedsHandler(h.feeds, audit),
  };
}

describe('reading the daily feeds', () => {
  it.each([
    ['mayors-office', 'ok'],
    ['regional-coordinator', 'ok'],
    ['admin', 'ok'],
    ['cell-lead', 'ok'],
    ['cell-member', 'forbidden'],
    ['authority-officer', 'forbidden'],
  ] as const)('%s may read: %s', async (role, expected) => {
    const { get, list, recent } = await published();
    expect(await outcomeOf(get.execute(new GetDailyFeed(person(role), '2026-11-20')))).toBe(expected);
    expect(await outcomeOf(list.execute(new ListDailyFeeds(person(role), 10)))).toBe(expected);
    expect(await outcomeOf(recent.execute(new GetRecentDailyFeeds(person(role), 10)))).toBe(expected);
  });

  it('serves the latest version, or the one asked for; 404 for a day or version never published, 400 for no such day', async () => {
    const { get } = await published();
    const reader = person('mayors-office');
    await expect(get.execute(new GetDailyFeed(reader, '2026-11-20'))).resolves.toMatchObject({
      date: '2026-11-20',
      version: 2,
    });
    await expect(get.execute(new GetDailyFeed(reader, '2026-11-20', 1))).resolves.toMatchObject({ version: 1 });
    expect(await outcomeOf(get.execute(new GetDailyFeed(reader, '2026-11-20', 3)))).toBe('not-found');
    expect(await outcomeOf(get.execute(new GetDailyFeed(reader, '2026-11-18')))).toBe('not-found');
    expect(await outcomeOf(get.execute(new GetDailyFeed(reader, '2026-02-30')))).toBe('validation-failed');
  });

  it('filters for the reader: the mayor’s office never sees a sensitive item, a cleared coordinator does', async () => {
    const { get, recent } = await published();
    const mayor = await get.execute(
      new GetDailyFeed(person('mayors-office', { clearance: 'OFFICIAL-SENSITIVE' }), '2026-11-20'),
    );
    expect(mayor.cells[0]?.escalations.items.map((e) => e.id)).toEqual(['plain']);
    const coordinator = await get.execute(
      new GetDailyFeed(person('regional-coordinator', { clearance: 'OFFICIAL-SENSITIVE' }), '2026-11-20'),
    );
    expect(coordinator.cells[0]?.escalations.items.map((e) => e.id)).toEqual(['plain', 'secret']);
    const atom = await recent.execute(
      new GetRecentDailyFeeds(person('cell-lead', { clearance: 'OFFICIAL', cells: ['ppe'] }), 10),
    );
    expect(JSON.stringify(atom)).not.toContain('secret');
  });

  it('audits the sensitive items a feed actually served, and nothing for a reader shown none', async () => {
    const { get, audit } = await published();
    await get.execute(new GetDailyFeed(person('mayors-office', { clearance: 'OFFICIAL-SENSITIVE' }), '2026-11-20'));
    expect(audit.calls).toEqual([]);
    const coordinator = person('regional-coordinator', { clearance: 'OFFICIAL-SENSITIVE' });
    await get.execute(new GetDailyFeed(coordinator, '2026-11-20'));
    expect(audit.calls).toEqual([
      {
        sub: coordinator.sub,
        entries: [
          { action: 'feed.read', itemType: 'escalation', itemId: 'secret', cell: 'ppe', marking: 'OFFICIAL-SENSITIVE' },
        ],
      },
    ]);
  });

  it('lists each published day once, by its latest version, newest day first', async () => {
    const { list, recent } = await published();
    const items = await list.execute(new ListDailyFeeds(person('mayors-office'), 10));
    expect(items.map((i) => [i.date, i.version])).toEqual([
      ['2026-11-20', 2],
      ['2026-11-19', 1],
    ]);
    expect(await list.execute(new ListDailyFeeds(person('mayors-office'), 1))).toHaveLength(1);
    expect((await recent.execute(new GetRecentDailyFeeds(person('mayors-office'), 10))).map((f) => f.version)).toEqual([
      2, 1,
    ]);
  });
});
