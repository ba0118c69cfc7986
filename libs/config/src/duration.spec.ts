import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each<[string, number]>([
    ['500ms', 500],
    ['15s', 15_000],
    ['4m', 240_000],
    ['1h', 3_600_000],
    ['24h', 86_400_000],
    ['90', 90_000],
    ['0s', 0],
    [' 2s ', 2_000],
  ])('reads %p as %i ms', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });

  it.each(['', 's', '1d', '1.5h', '-1m', '1 hour', '2 m', '1H', '1e3', '10us'])(
    'refuses %p, which the configuration does not document',
    (text) => {
      expect(() => parseDuration(text)).toThrow(/not a duration/);
    },
  );
});
