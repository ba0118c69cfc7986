import { getNextMillis } from 'bullmq';
import { addDays, localParts, nextLocalRun, reportingDay } from '@muster/domain';
import { FEED_SCHEDULES } from './queues';
import { LONDON } from '@muster/builders';

/*
 * The feeds run on BullMQ job schedulers (cron in a time zone), while the domain has its own rule for
 * "07:00 local". BullMQ computes each next run with `getNextMillis` (cron-parser underneath): these tests
 * hold the two to the same answer, above all across the 2026 clock changes in Europe/London.
 */

const next = (pattern: string, after: Date) => {
  const millis = getNextMillis(after.getTime(), { pattern, tz: LONDON });
  if (millis === undefined) throw new Error(`no next run for ${pattern}`);
  return new Date(millis);
};

describe('the daily feed schedule (0 7 * * *) agrees with nextLocalRun', () => {
  const { pattern } = FEED_SCHEDULES.daily;

  it.each([
    ['the day before the clocks go forward', '2026-03-28T07:00:00Z', '2026-03-29T06:00:00.000Z'],
    ['the night the clocks go forward', '2026-03-29T00:30:00Z', '2026-03-29T06:00:00.000Z'],
    ['the day after', '2026-03-29T06:00:00Z', '2026-03-30T06:00:00.000Z'],
    ['the day before the clocks go back', '2026-10-24T06:00:00Z', '2026-10-25T07:00:00.000Z'],
    ['the night the clocks go back, in the repeated hour', '2026-10-25T01:30:00Z', '2026-10-25T07:00:00.000Z'],
    ['the day after', '2026-10-25T07:00:00Z', '2026-10-26T07:00:00.000Z'],
  ])('%s (after %s)', (_, after, expected) => {
    expect(next(pattern, new Date(after)).toISOString()).toBe(expected);
    expect(nextLocalRun(7, 0, LONDON, new Date(after)).toISOString()).toBe(expected);
  });

  it('run after run through all of 2026: the same instant every day, always 07:00 local', () => {
    let bull = new Date('2025-12-31T12:00:00Z');
    let domain = bull;
    for (let i = 0; i < 365; i += 1) {
      bull = next(pattern, bull);
      domain = nextLocalRun(7, 0, LONDON, domain);
      expect(bull.toISOString()).toBe(domain.toISOString());
      expect(localParts(bull, LONDON)).toMatchObject({ hour: 7, minute: 0, second: 0 });
    }
    expect(bull.toISOString()).toBe('2026-12-31T07:00:00.000Z');
  });
});

describe('the weekly briefing schedule (30 7 * * 1)', () => {
  it('runs every Monday at 07:30 local through 2026, matching nextLocalRun from the Sunday before', () => {
    const { pattern } = FEED_SCHEDULES.weekly;
    let run = new Date('2025-12-31T12:00:00Z');
    for (let i = 0; i < 52; i += 1) {
      run = next(pattern, run);
      const monday = reportingDay(run, LONDON);
      expect(new Date(`${monday}T12:00:00Z`).getUTCDay()).toBe(1);
      const sundayNoon = new Date(`${addDays(monday, -1)}T12:00:00Z`);
      expect(run.toISOString()).toBe(nextLocalRun(7, 30, LONDON, sundayNoon).toISOString());
    }
    expect(run.toISOString()).toBe('2026-12-28T07:30:00.000Z');
  });
});
