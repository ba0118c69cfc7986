import { CellThreshold } from '../reference/region';
import { authorityRag, cellRag, figureRag, worstRag } from './rag';
import { Rag } from './sitrep';
import { seededCell, tinyCell } from '@muster/builders';

describe('figureRag', () => {
  describe('given a lower-is-worse threshold (PPE FFP3 days of supply: red under 3, amber under 7)', () => {
    const ffp3: CellThreshold = { figure: 'ffp3_masks_days', direction: 'lower-is-worse', red: 3, amber: 7 };
    it.each<[number, Rag]>([
      [0, 'red'],
      [2.9, 'red'],
      [3, 'amber'],
      [6.99, 'amber'],
      [7, 'green'],
      [30, 'green'],
    ])('when %p days remain, then it is %s', (value, rag) => {
      expect(figureRag(ffp3, value)).toBe(rag);
    });
  });

  describe('given a higher-is-worse threshold (people sleeping rough: red over 50, amber over 20)', () => {
    const rough: CellThreshold = { figure: 'sleeping_rough', direction: 'higher-is-worse', red: 50, amber: 20 };
    it.each<[number, Rag]>([
      [0, 'green'],
      [20, 'green'],
      [21, 'amber'],
      [50, 'amber'],
      [51, 'red'],
      [500, 'red'],
    ])('when %p people sleep rough, then it is %s', (value, rag) => {
      expect(figureRag(rough, value)).toBe(rag);
    });
  });
});

describe('worstRag', () => {
  it.each<[Array<Rag | undefined>, Rag | undefined]>([
    [[], undefined],
    [[undefined, undefined], undefined],
    [['green'], 'green'],
    [['green', 'amber', 'green'], 'amber'],
    [['amber', 'red', 'green'], 'red'],
    [[undefined, 'green', undefined], 'green'],
    [['red', 'amber'], 'red'],
  ])('given %j, then the worst is %s', (rags, worst) => {
    expect(worstRag(rags)).toBe(worst);
  });

  it('accepts any iterable, such as a set', () => {
    expect(worstRag(new Set<Rag>(['green', 'amber']))).toBe('amber');
  });
});

describe('authorityRag', () => {
  const cell = tinyCell();

  it('given no figures with thresholds and no own assessment, then there is nothing to judge', () => {
    expect(authorityRag(cell, {})).toBeUndefined();
  });

  it('given only its own assessment, then that is its RAG', () => {
    expect(authorityRag(cell, {}, 'amber')).toBe('amber');
  });

  it('given figures, then it is the worst of its thresholds', () => {
    expect(authorityRag(cell, { stock_days: 10, requests: 10 })).toBe('green');
    expect(authorityRag(cell, { stock_days: 5, requests: 10 })).toBe('amber');
    expect(authorityRag(cell, { stock_days: 10, requests: 101 })).toBe('red');
  });

  it('given its own assessment is worse than its figures, then its own assessment wins', () => {
    expect(authorityRag(cell, { stock_days: 10 }, 'red')).toBe('red');
  });

  it('given its figures are worse than its own assessment, then its figures win', () => {
    expect(authorityRag(cell, { stock_days: 1 }, 'green')).toBe('red');
  });

  it('does not judge a missing figure as zero', () => {
    // Zero days of stock would be red; an absent figure says nothing.
    expect(authorityRag(cell, { requests: 0 })).toBe('green');
  });

  it('ignores figures without a threshold', () => {
    const ppe = seededCell('ppe');
    expect(authorityRag(ppe, { ffp3_masks_stock: 0 })).toBeUndefined();
    expect(authorityRag(ppe, { ffp3_masks_stock: 0, ffp3_masks_days: 2 })).toBe('red');
  });
});

describe('cellRag', () => {
  it('given no authority has a RAG, then the cell has none', () => {
    expect(cellRag([])).toBeUndefined();
    expect(cellRag([undefined, undefined])).toBeUndefined();
  });

  it('given authorities’ RAGs, then the cell is as bad as its worst', () => {
    expect(cellRag(['green', undefined, 'amber', 'green'])).toBe('amber');
    expect(cellRag(['green', 'red'])).toBe('red');
  });
});
