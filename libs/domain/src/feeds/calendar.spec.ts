import { DomainError } from '../shared/domain-error';
import {
  addDays,
  daysBetween,
  isCalendarDate,
  isIsoWeek,
  isoWeekDays,
  isoWeekOf,
  isoWeeksInYear,
  previousDay,
} from './calendar';

describe('calendar days', () => {
  it.each(['2026-11-20', '2024-02-29', '2000-02-29', '0001-01-01'])('%s is a calendar day', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each(['9999-12-31', '0100-03-01', '0004-02-29'])(
    '%s, at the ends of the years PostgreSQL stores, is a calendar day',
    (date) => {
      expect(isCalendarDate(date)).toBe(true);
    },
  );

  // Year 0 is a valid JavaScript date but out of range for PostgreSQL's date type.
  it.each([
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-11-31',
    '2026-1-5',
    '2026-11-20T00:00Z',
    '',
    'yesterday',
    '0000-01-01',
    '0000-12-31',
    '+10000-01-01',
    '0100-02-29',
  ])('%p is not a calendar day', (date) => expect(isCalendarDate(date)).toBe(false));

  it.each<[string, number, string]>([
    ['2026-11-20', 1, '2026-11-21'],
    ['2026-11-30', 1, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-10-26', -2, '2026-10-24'],
    ['2026-11-20', 0, '2026-11-20'],
    ['2026-11-20', 365, '2027-11-20'],
  ])('%s plus %i days is %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('previousDay steps back across months and years', () => {
    expect(previousDay('2026-03-01')).toBe('2026-02-28');
    expect(previousDay('2027-01-01')).toBe('2026-12-31');
  });

  it('counts whole days between two days, either way', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-11-20', '2026-11-13')).toBe(-7);
  });

  it('refuses something that is not a day, as a validation failure', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(DomainError);
  });

  // A day's look-back window must not step into year 0, which PostgreSQL refuses.
  it.each<[string, number]>([
    ['0001-01-01', -1],
    ['0001-01-02', -30],
    ['9999-12-31', 1],
  ])('refuses %s plus %i days, which leaves the calendar, naming date', (date, n) => {
    try {
      addDays(date, n);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'validation-failed', errors: [{ path: 'date' }] });
    }
  });

  it('reaches the first and last days of the calendar', () => {
    expect(addDays('0001-01-02', -1)).toBe('0001-01-01');
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
  });
});

describe('ISO weeks', () => {
  it.each<[string, string]>([
    ['2026-11-16', '2026-W47'],
    ['2026-11-22', '2026-W47'],
    ['2026-11-23', '2026-W48'],
    ['2026-01-01', '2026-W01'], // a Thursday: week 1 holds it
    ['2025-12-29', '2026-W01'], // the Monday of that week, still in 2025
    ['2024-12-30', '2025-W01'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-03', '2026-W53'], // a Sunday in January, in the last week of 2026
    ['2027-01-04', '2027-W01'],
    ['2021-01-03', '2020-W53'],
    ['2023-01-01', '2022-W52'],
  ])('%s is in %s', (date, week) => {
    expect(isoWeekOf(date)).toBe(week);
  });

  it('knows which years have 53 weeks', () => {
    expect(isoWeeksInYear(2026)).toBe(53); // starts on a Thursday
    expect(isoWeeksInYear(2020)).toBe(53); // a leap year starting on a Wednesday
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeeksInYear(2027)).toBe(52);
  });

  it('lists a week Monday to Sunday', () => {
    expect(isoWeekDays('2026-W47')).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
  });

  it('lists week 1 reaching back into the year before', () => {
    expect(isoWeekDays('2026-W01')).toEqual([
      '2025-12-29',
      '2025-12-30',
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
    ]);
  });

  it('lists week 53 reaching into the year after', () => {
    expect(isoWeekDays('2026-W53')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });

  it('lists the first and last whole weeks of the years PostgreSQL stores, years 1 and 9999 (not 1901)', () => {
    expect(isoWeekDays('0001-W01')).toEqual([
      '0001-01-01',
      '0001-01-02',
      '0001-01-03',
      '0001-01-04',
      '0001-01-05',
      '0001-01-06',
      '0001-01-07',
    ]);
    expect(isoWeekDays('0099-W10')[0]).toBe('0099-03-02');
    expect(isoWeekDays('9999-W51')).toEqual([
      '9999-12-20',
      '9999-12-21',
      '9999-12-22',
      '9999-12-23',
      '9999-12-24',
      '9999-12-25',
      '9999-12-26',
    ]);
  });

  it('names the weeks of years below 100 as they are', () => {
    expect(isoWeekOf('0001-01-01')).toBe('0001-W01');
    for (let date = '0050-01-01'; date < '0050-03-01'; date = addDays(date, 1)) {
      expect(isoWeekDays(isoWeekOf(date))).toContain(date);
    }
  });

  // 9999-W52 runs from 9999-12-27 into year 10000; 0000-W01 lies in year 0.
  it.each([
    '2025-W53',
    '2026-W00',
    '2026-W54',
    '2026-W1',
    '2026W47',
    '2026-47',
    '',
    '9999-W52',
    '9999-W53',
    '0000-W01',
    '0000-W52',
    '0001-W53',
  ])('refuses %p as a week', (week) => {
    expect(isIsoWeek(week)).toBe(false);
    try {
      isoWeekDays(week);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('validation-failed');
      expect((error as DomainError).errors[0]?.path).toBe('week');
    }
  });

  it('agrees with itself for every day of a decade: each day is in the week it names, at its weekday', () => {
    for (let date = '2019-12-30'; date < '2031-01-06'; date = addDays(date, 1)) {
      const days = isoWeekDays(isoWeekOf(date));
      const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
      expect(days[weekday]).toBe(date);
    }
  });
});
