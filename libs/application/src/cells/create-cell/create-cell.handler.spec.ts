import { CreateCell } from './create-cell.command';
import { CreateCellHandler } from './create-cell.handler';
import { cellDefinition, outcomeOf, person, ppeCell, regional } from '@muster/builders';
import { fakeCells, FakeReference, FakeStore } from '@muster/doubles';

const shelters = cellDefinition();

describe('CreateCellHandler', () => {
  let store: FakeStore;
  let handler: CreateCellHandler;

  beforeEach(() => {
    store = new FakeStore();
    handler = new CreateCellHandler(new FakeReference([ppeCell()]), store);
  });

  it('creates a standby cell from data, with the default cut-off', async () => {
    const cell = await handler.execute(new CreateCell(regional(), shelters));
    expect(cell).toEqual({
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
    expect(store.tables(fakeCells).inserted).toEqual([cell]);
    expect(store.tables(fakeCells).governanceOf('shelters')).toEqual({ cell, episodeOpen: false });
  });

  it('answers 409 for a slug that is taken, and writes nothing', async () => {
    expect(await outcomeOf(handler.execute(new CreateCell(regional(), { ...shelters, slug: 'ppe' })))).toBe('conflict');
    expect(store.calls).toEqual([]);
  });

  it('refuses anyone but a regional coordinator with 403', async () => {
    expect(await outcomeOf(handler.execute(new CreateCell(person('admin'), shelters)))).toBe('forbidden');
    expect(store.calls).toEqual([]);
  });

  it('answers 422 for a threshold on a figure the cell does not collect, and writes nothing', async () => {
    const definition = {
      ...shelters,
      thresholds: [{ figure: 'tents', direction: 'lower-is-worse' as const, red: 1, amber: 2 }],
    };
    expect(await outcomeOf(handler.execute(new CreateCell(regional(), definition)))).toBe('rule-violated');
    expect(store.calls).toEqual([]);
  });
});
