import { localInstant, localParts, parseTimeOfDay, reportingDay } from './local-time';
import { nextLocalRun } from './schedule';
import { LONDON } from '@muster/builders';

const at = (iso: string) => new Date(iso);
const run = (hour: number, minute: number, after: string, zone = LONDON) =>
  nextLocalRun(hour, minute, zone, at(after)).toISOString();

describe('nextLocalRun: the 07:00 daily feed in Europe/London', () => {
  it('given winter, then 07:00 local is 07:00 UTC', () => {
    expect(run(7, 0, '2026-01-15T12:00:00Z')).toBe('2026-01-16T07:00:00.000Z');
  });

  it('given summer, then 07:00 local is 06:00 UTC', () => {
    expect(run(7, 0, '2026-07-15T12:00:00Z')).toBe('2026-07-16T06:00:00.000Z');
  });

  it('given the run just happened, then the next is tomorrow (strictly after)', () => {
    expect(run(7, 0, '2026-01-15T07:00:00Z')).toBe('2026-01-16T07:00:00.000Z');
    expect(run(7, 0, '2026-01-15T06:59:59.999Z')).toBe('2026-01-15T07:00:00.000Z');
  });

  it('given the clocks go forward on 29 March, then the run after 28 March 07:00 is at 06:00 UTC', () => {
    expect(run(7, 0, '2026-03-28T07:00:00Z')).toBe('2026-03-29T06:00:00.000Z');
  });

  it('given the clocks go back on 25 October, then the run after 24 October 06:00 UTC is at 07:00 UTC', () => {
    expect(run(7, 0, '2026-10-24T06:00:00Z')).toBe('2026-10-25T07:00:00.000Z');
  });

  it('runs once a day through a whole year, always at 07:00 local, 365 times', () => {
    let after = at('2025-12-31T12:00:00Z');
    const seen = new Set<string>();
    for (let i = 0; i < 365; i += 1) {
      after = nextLocalRun(7, 0, LONDON, after);
      const local = localParts(after, LONDON);
      expect([local.hour, local.minute, local.second]).toEqual([7, 0, 0]);
      seen.add(local.date);
    }
    expect(seen.size).toBe(365);
    expect(after.toISOString()).toBe('2026-12-31T07:00:00.000Z');
  });

  it('given a time that does not exist (01:30 on 29 March), then it runs when the gap ends, 02:00 BST', () => {
    expect(run(1, 30, '2026-03-28T12:00:00Z')).toBe('2026-03-29T01:00:00.000Z');
    expect(run(1, 30, '2026-03-29T01:00:00Z')).toBe('2026-03-30T00:30:00.000Z');
  });

  it('given a time that happens twice (01:30 on 25 October), then it runs the first time only', () => {
    expect(run(1, 30, '2026-10-24T12:00:00Z')).toBe('2026-10-25T00:30:00.000Z'); // 01:30 BST
    // After the first 01:30, the second (01:30 GMT, 01:30 UTC) is skipped: the next run is the next day.
    expect(run(1, 30, '2026-10-25T00:30:00Z')).toBe('2026-10-26T01:30:00.000Z');
    expect(run(1, 30, '2026-10-25T01:00:00Z')).toBe('2026-10-26T01:30:00.000Z');
  });

  it('handles midnight runs and instants just before local midnight', () => {
    expect(run(0, 0, '2026-06-30T22:59:59Z')).toBe('2026-06-30T23:00:00.000Z'); // 00:00 BST on 1 July
    expect(run(0, 0, '2026-06-30T23:30:00Z')).toBe('2026-07-01T23:00:00.000Z');
    expect(run(23, 59, '2026-12-31T23:59:00Z')).toBe('2027-01-01T23:59:00.000Z');
  });

  it('works in other zones: New York across its March change, Sydney across its April one, Kolkata and UTC', () => {
    expect(run(7, 0, '2026-03-07T12:00:00Z', 'America/New_York')).toBe('2026-03-08T11:00:00.000Z'); // EDT from 8 March
    expect(run(7, 0, '2026-03-06T12:00:00Z', 'America/New_York')).toBe('2026-03-07T12:00:00.000Z'); // still EST
    expect(run(2, 30, '2026-03-07T12:00:00Z', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z'); // gap → 03:00 EDT
    expect(run(7, 0, '2026-04-04T00:00:00Z', 'Australia/Sydney')).toBe('2026-04-04T21:00:00.000Z'); // 5 April, AEST (+10)
    expect(run(7, 0, '2026-04-03T00:00:00Z', 'Australia/Sydney')).toBe('2026-04-03T20:00:00.000Z'); // 4 April, AEDT (+11)
    expect(run(7, 0, '2026-11-20T12:00:00Z', 'Asia/Kolkata')).toBe('2026-11-21T01:30:00.000Z');
    expect(run(7, 0, '2026-11-20T12:00:00Z', 'UTC')).toBe('2026-11-21T07:00:00.000Z');
  });

  it('refuses an hour or minute that is not on a clock face', () => {
    expect(() => nextLocalRun(24, 0, LONDON, new Date())).toThrow(RangeError);
    expect(() => nextLocalRun(7, 60, LONDON, new Date())).toThrow(RangeError);
    expect(() => nextLocalRun(6.5, 0, LONDON, new Date())).toThrow(RangeError);
  });

  it('refuses an unknown time zone', () => {
    expect(() => nextLocalRun(7, 0, 'Mars/Olympus_Mons', new Date())).toThrow(RangeError);
  });
});

describe('localInstant', () => {
  it('finds 07:00 on either side of both changes', () => {
    expect(localInstant('2026-03-28', 7, 0, LONDON).toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(localInstant('2026-03-29', 7, 0, LONDON).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(localInstant('2026-10-24', 7, 0, LONDON).toISOString()).toBe('2026-10-24T06:00:00.000Z');
    expect(localInstant('2026-10-25', 7, 0, LONDON).toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });

  it('resolves the hour that happens twice to the first time and the skipped hour to the end of the gap', () => {
    expect(localInstant('2026-10-25', 1, 30, LONDON).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(localInstant('2026-03-29', 1, 30, LONDON).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(localInstant('2026-03-29', 1, 0, LONDON).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(localInstant('2026-03-29', 2, 0, LONDON).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('finds the end of a half-hour gap to the minute (Lord Howe Island goes from +10:30 to +11 at 02:00)', () => {
    expect(localInstant('2026-10-04', 2, 15, 'Australia/Lord_Howe').toISOString()).toBe('2026-10-03T15:30:00.000Z');
    expect(localInstant('2026-10-04', 2, 30, 'Australia/Lord_Howe').toISOString()).toBe('2026-10-03T15:30:00.000Z');
    expect(localInstant('2026-10-04', 1, 59, 'Australia/Lord_Howe').toISOString()).toBe('2026-10-03T15:29:00.000Z');
  });

  it('refuses an unknown time zone', () => {
    expect(() => localInstant('2026-10-04', 7, 0, 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => localParts(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('reportingDay', () => {
  it('is the calendar day in the region, not in UTC', () => {
    expect(reportingDay(at('2026-06-30T23:30:00Z'), LONDON)).toBe('2026-07-01');
    expect(reportingDay(at('2026-06-30T22:59:59Z'), LONDON)).toBe('2026-06-30');
    expect(reportingDay(at('2026-12-31T23:59:59Z'), LONDON)).toBe('2026-12-31');
    expect(reportingDay(at('2026-11-20T20:00:00Z'), 'Australia/Sydney')).toBe('2026-11-21');
  });

  it('reads the hour as 0-23, never 24', () => {
    expect(localParts(at('2026-01-15T00:00:00Z'), LONDON)).toEqual({
      date: '2026-01-15',
      hour: 0,
      minute: 0,
      second: 0,
    });
  });
});

describe('parseTimeOfDay', () => {
  it.each<[string, { hour: number; minute: number } | undefined]>([
    ['10:00', { hour: 10, minute: 0 }],
    ['00:00', { hour: 0, minute: 0 }],
    ['23:59', { hour: 23, minute: 59 }],
    ['24:00', undefined],
    ['9:00', undefined],
    ['10:60', undefined],
    ['10:00:00', undefined],
  ])('%p → %j', (text, expected) => {
    expect(parseTimeOfDay(text)).toEqual(expected);
  });
});
