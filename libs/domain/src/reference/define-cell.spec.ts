import { ROLES } from '@muster/contracts';
import { defineCell } from './define-cell';
import { cellDefinition, person, ppeCell, regional, rule } from '@muster/builders';

const shelters = cellDefinition();
const define = rule(defineCell);

describe('defineCell', () => {
  it('given no cell of that slug, then a standby cell reporting by the default cut-off, with nothing to journal', () => {
    const { state } = define.when({ ...shelters, by: regional() }).thenNothing();
    expect(state).toEqual({
      slug: 'shelters',
      name: 'Emergency shelters',
      description: '',
      status: 'standby',
      decisionTimescaleMinutes: 45,
      sitrepCutoff: '10:00',
      figures: shelters.figures,
      thresholds: shelters.thresholds,
      activationCriteria: shelters.activationCriteria,
    });
  });

  it('given a cell already held under the slug, then it conflicts, naming the slug', () => {
    define
      .given(ppeCell({ slug: 'shelters' }))
      .when({ ...shelters, by: regional() })
      .thenRefused('conflict', 'slug');
  });

  it.each(ROLES.filter((r) => r !== 'regional-coordinator'))('given a %s, then it is forbidden', (role) => {
    define.when({ ...shelters, by: person(role, { cells: ['ppe'] }) }).thenRefused('forbidden');
  });

  it('names every figure a threshold or criterion lacks, a figure listed twice and bands the wrong way round', () => {
    const refusal = define
      .when({
        ...shelters,
        by: regional(),
        figures: [...shelters.figures, { key: 'beds_free', label: 'Again', unit: 'beds', carriesForward: false }],
        thresholds: [
          { figure: 'tents', direction: 'lower-is-worse', red: 10, amber: 50 },
          { figure: 'beds_free', direction: 'lower-is-worse', red: 50, amber: 10 },
        ],
        activationCriteria: [{ description: 'No tents', figure: 'tents', below: 1 }],
      })
      .thenRefused(
        'rule-violated',
        'figures.2.key',
        'thresholds.0.figure',
        'thresholds.1',
        'activationCriteria.0.figure',
      );
    expect(refusal.errors[0]).toEqual({ path: 'figures.2.key', message: 'beds_free is listed twice' });
  });
});
