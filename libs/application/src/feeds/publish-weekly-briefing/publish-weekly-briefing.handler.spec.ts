import { PublishWeeklyBriefing } from './publish-weekly-briefing.command';
import { PublishWeeklyBriefingHandler } from './publish-weekly-briefing.handler';
import { feedHarness } from '@muster/doubles';

describe('PublishWeeklyBriefingHandler', () => {
  it('makes up the week’s missing past days, leaves published ones alone, then announces the briefing', async () => {
    const h = feedHarness('2026-11-23T07:30:00.000Z');
    const now = h.clock.now();
    await h.publisher.publish('2026-11-18', 'system', now, () => undefined);
    h.store.events.length = 0;
    const handler = new PublishWeeklyBriefingHandler(h.publisher, h.feeds, h.store, h.region, h.clock);

    const result = await handler.execute(new PublishWeeklyBriefing('2026-W47'));

    expect(result).toEqual({
      week: '2026-W47',
      generated: ['2026-11-16', '2026-11-17', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'],
    });
    expect(h.feeds.rows.filter((r) => r.date === '2026-11-18').map((r) => r.version)).toEqual([1]);
    expect(h.store.events.at(-1)).toEqual({
      type: 'feed.published',
      authorities: [],
      marking: 'OFFICIAL',
      actor: 'system',
      data: {
        kind: 'weekly',
        week: '2026-W47',
        days: ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'],
        generatedAt: '2026-11-23T07:30:00.000Z',
      },
    });
  });

  it('does not publish a day that has not ended (the current week asked for early)', async () => {
    const h = feedHarness('2026-11-19T12:00:00.000Z');
    const handler = new PublishWeeklyBriefingHandler(h.publisher, h.feeds, h.store, h.region, h.clock);
    expect((await handler.execute(new PublishWeeklyBriefing('2026-W47'))).generated).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
    ]);
  });
});
