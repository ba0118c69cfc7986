import { valueRows } from './value-rows';

describe('valueRows', () => {
  it('numbers the parameters row after row, with the casts asked for', () => {
    expect(
      valueRows(
        [
          ['a', '2026-11-20', 1],
          ['b', '2026-11-21', 2],
        ],
        { 1: 'date' },
      ),
    ).toEqual({
      tuples: '($1, $2::date, $3), ($4, $5::date, $6)',
      values: ['a', '2026-11-20', 1, 'b', '2026-11-21', 2],
    });
  });

  it('gives an empty list for no rows', () => {
    expect(valueRows([])).toEqual({ tuples: '', values: [] });
  });
});
