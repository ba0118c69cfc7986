import { announceWeeklyBriefing, publishDailyFeed } from './feed-events';
import { cellInput, feed, morningAfter, rule, tinyCell } from '@muster/builders';

describe('publishDailyFeed', () => {
  const day = feed('2026-11-20', [cellInput(tinyCell(), {})]);
  const publish = rule(publishDailyFeed);

  it('given no version of the day, then version 1, announced on the feed topic without its content', () => {
    const { state } = publish
      .given(0)
      .when({ feed: day, throughSeq: 42 })
      .then([
        {
          type: 'feed.published',
          authorities: [],
          marking: 'OFFICIAL',
          data: {
            kind: 'daily',
            date: '2026-11-20',
            version: 1,
            generatedAt: morningAfter('2026-11-20').toISOString(),
          },
        },
      ]);
    expect(state).toEqual({ date: '2026-11-20', version: 1, generatedAt: day.generatedAt, throughSeq: 42, feed: day });
  });

  it('given versions already published, then the next one: a feed read once is never changed', () => {
    expect(publish.given(3).when({ feed: day, throughSeq: 42 }).decided().state.version).toBe(4);
  });
});

describe('announceWeeklyBriefing', () => {
  it('tells the feed topic of the week and its days', () => {
    const at = new Date('2026-11-23T07:30:00.000Z');
    const days = ['2026-11-16', '2026-11-17'];
    rule(announceWeeklyBriefing)
      .when({ week: '2026-W47', days, at })
      .then([
        {
          type: 'feed.published',
          authorities: [],
          marking: 'OFFICIAL',
          data: { kind: 'weekly', week: '2026-W47', days, generatedAt: at.toISOString() },
        },
      ]);
  });
});
