import { GenerateDailyFeed, PublishWeeklyBriefing } from '@muster/application';
import { QUEUES } from '@muster/messaging';
import { FEED_COMMANDS } from './feed-commands';
import { assertEveryQueueHandled, isTimerQueue } from './timer-commands';
import { LONDON } from '@muster/builders';

describe('FEED_COMMANDS: which day or week a scheduled run covers', () => {
  it.each([
    ['a winter 07:00 (07:00 UTC)', '2026-01-15T07:00:00Z', '2026-01-14'],
    ['a summer 07:00 (06:00 UTC)', '2026-07-15T06:00:00Z', '2026-07-14'],
    ['the morning the clocks go forward', '2026-03-29T06:00:00Z', '2026-03-28'],
    ['the morning the clocks go back', '2026-10-25T07:00:00Z', '2026-10-24'],
    ['1 January', '2027-01-01T07:00:00Z', '2026-12-31'],
  ])('daily, %s: the day before', (_, at, date) => {
    const command = FEED_COMMANDS.daily({ scheduledAt: new Date(at), timeZone: LONDON });
    expect(command).toBeInstanceOf(GenerateDailyFeed);
    expect(command.date).toBe(date);
    expect(command.requestedBy).toBe('system');
    // A retry of the same run returns what it published instead of a second version.
    expect(command.options.unlessGeneratedSince?.toISOString()).toBe(new Date(at).toISOString());
  });

  it.each([
    ['Monday 23 November 2026', '2026-11-23T07:30:00Z', '2026-W47'],
    ['Monday 4 January 2027', '2027-01-04T07:30:00Z', '2026-W53'],
    ['Monday 30 March 2026 (summer time)', '2026-03-30T06:30:00Z', '2026-W13'],
  ])('weekly, %s: the ISO week before', (_, at, week) => {
    const command = FEED_COMMANDS.weekly({ scheduledAt: new Date(at), timeZone: LONDON });
    expect(command).toBeInstanceOf(PublishWeeklyBriefing);
    expect(command.week).toBe(week);
  });
});

describe('every queue has a processor', () => {
  it('accepts the queues there are, and sorts timers from feeds', () => {
    expect(() => assertEveryQueueHandled(Object.values(QUEUES))).not.toThrow();
    expect(Object.values(QUEUES).filter(isTimerQueue)).toEqual([
      'escalation-timers',
      'decision-deadlines',
      'action-due',
      'escalation-updates',
    ]);
  });

  it('refuses to start with a queue nobody handles', () => {
    expect(() => assertEveryQueueHandled([...Object.values(QUEUES), 'reports'])).toThrow(
      'no job handler for queue(s): reports',
    );
  });
});
