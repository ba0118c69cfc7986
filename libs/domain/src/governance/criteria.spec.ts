import { evaluateCriteria } from './criteria';
import { activationQuestion } from './governance-rules';
import { AUTHORITY_NAMES, BIRMINGHAM, COVENTRY, SANDWELL, seededCell, tinyCell, WALSALL } from '@muster/builders';

const ppe = seededCell('ppe');
const FFP3 = 'FFP3 masks: under 3 days of supply in two or more authorities';
const GLOVES = 'Gloves: under 3 days of supply in two or more authorities';

const figures = (entries: Array<[string, Record<string, number>]>) => new Map(entries);

describe('evaluateCriteria: PPE, under 3 days of supply in two or more authorities', () => {
  it('given no figures, then nothing is met', () => {
    expect(evaluateCriteria(ppe, new Map())).toEqual({ met: false, matches: [] });
  });

  it('given one authority under 3 days, then it is not met (two are needed)', () => {
    const result = evaluateCriteria(
      ppe,
      figures([
        [SANDWELL, { ffp3_masks_days: 2 }],
        [WALSALL, { ffp3_masks_days: 5 }],
      ]),
    );
    expect(result).toEqual({ met: false, matches: [] });
  });

  it('given two authorities under 3 days of FFP3 masks, then the FFP3 criterion is met, naming them', () => {
    const result = evaluateCriteria(
      ppe,
      figures([
        [WALSALL, { ffp3_masks_days: 1.5 }],
        [BIRMINGHAM, { ffp3_masks_days: 8 }],
        [SANDWELL, { ffp3_masks_days: 2 }],
      ]),
    );
    expect(result).toEqual({ met: true, matches: [{ criterion: FFP3, authorities: [SANDWELL, WALSALL] }] });
  });

  it('given exactly 3 days, then that authority is not under the bound', () => {
    const result = evaluateCriteria(
      ppe,
      figures([
        [SANDWELL, { ffp3_masks_days: 3 }],
        [WALSALL, { ffp3_masks_days: 2 }],
      ]),
    );
    expect(result.met).toBe(false);
  });

  it('given one authority short of FFP3 and another of gloves, then no single criterion is met', () => {
    const result = evaluateCriteria(
      ppe,
      figures([
        [SANDWELL, { ffp3_masks_days: 1 }],
        [WALSALL, { gloves_days: 1 }],
      ]),
    );
    expect(result.met).toBe(false);
  });

  it('given two criteria met, then both are listed in the cell’s order', () => {
    const result = evaluateCriteria(
      ppe,
      figures([
        [COVENTRY, { gloves_days: 0, ffp3_masks_days: 2 }],
        [SANDWELL, { gloves_days: 2, ffp3_masks_days: 0 }],
      ]),
    );
    expect(result.met).toBe(true);
    expect(result.matches).toEqual([
      { criterion: FFP3, authorities: [COVENTRY, SANDWELL] },
      { criterion: GLOVES, authorities: [COVENTRY, SANDWELL] },
    ]);
  });

  it('does not count a missing figure as zero days', () => {
    const result = evaluateCriteria(
      ppe,
      figures([
        [SANDWELL, { ffp3_masks_days: 1 }],
        [WALSALL, { gloves_stock: 100 }],
      ]),
    );
    expect(result.met).toBe(false);
  });
});

describe('evaluateCriteria: other shapes', () => {
  it('given an "above" criterion (food: more than 500 requests outstanding in two or more), then it is strict', () => {
    const food = seededCell('food');
    expect(
      evaluateCriteria(
        food,
        figures([
          [SANDWELL, { requests_outstanding: 501 }],
          [WALSALL, { requests_outstanding: 500 }],
        ]),
      ).met,
    ).toBe(false);
    expect(
      evaluateCriteria(
        food,
        figures([
          [SANDWELL, { requests_outstanding: 501 }],
          [WALSALL, { requests_outstanding: 900 }],
        ]),
      ).met,
    ).toBe(true);
  });

  it('given no minimum, then one authority is enough', () => {
    const cell = tinyCell({
      activationCriteria: [{ description: 'Stock under 2 days anywhere', figure: 'stock_days', below: 2 }],
    });
    expect(evaluateCriteria(cell, figures([[SANDWELL, { stock_days: 1 }]]))).toEqual({
      met: true,
      matches: [{ criterion: 'Stock under 2 days anywhere', authorities: [SANDWELL] }],
    });
  });

  it('given a criterion people judge (no figure), then it is never met automatically', () => {
    const cell = tinyCell({ activationCriteria: [{ description: 'The SCG asks for it' }] });
    expect(evaluateCriteria(cell, figures([[SANDWELL, { stock_days: 0 }]])).met).toBe(false);
  });

  it('given a minimum of zero, then an empty set of authorities still does not meet it', () => {
    const cell = tinyCell({
      activationCriteria: [{ description: 'x', figure: 'stock_days', below: 2, minAuthorities: 0 }],
    });
    expect(evaluateCriteria(cell, figures([[SANDWELL, { stock_days: 5 }]])).met).toBe(false);
  });

  it('given a cell without criteria, then nothing is met', () => {
    expect(evaluateCriteria(tinyCell(), figures([[SANDWELL, { stock_days: 0 }]]))).toEqual({ met: false, matches: [] });
  });
});

describe('activationQuestion', () => {
  it('names the cell, each criterion met and the authorities by name', () => {
    const evaluation = evaluateCriteria(
      ppe,
      figures([
        [WALSALL, { ffp3_masks_days: 1 }],
        [SANDWELL, { ffp3_masks_days: 2 }],
      ]),
    );
    expect(activationQuestion(ppe, evaluation, AUTHORITY_NAMES)).toBe(
      'Stand up PPE crisis governance? Criteria met: FFP3 masks: under 3 days of supply in two or more authorities (Sandwell, Walsall)',
    );
  });

  it('joins several criteria and falls back to the code for an authority it cannot name', () => {
    const evaluation = {
      met: true,
      matches: [
        { criterion: 'A', authorities: [SANDWELL, 'E99999999'] },
        { criterion: 'B', authorities: [COVENTRY] },
      ],
    };
    expect(activationQuestion(ppe, evaluation, AUTHORITY_NAMES)).toBe(
      'Stand up PPE crisis governance? Criteria met: A (Sandwell, E99999999); B (Coventry)',
    );
  });
});
