import { DomainError, Sitrep } from '@muster/domain';
import { ListSitreps } from './list-sitreps.query';
import { ListSitrepsHandler } from './list-sitreps.handler';
import { BIRMINGHAM, officerOf, person, SANDWELL, sitrep, WALSALL } from '@muster/builders';
import { FakeClock, FakeReference, fakeSitreps, FakeStore, londonRegion } from '@muster/doubles';

const report = (authority: string, date: string, version: number, figures: Record<string, number>): Sitrep =>
  sitrep({ authority, date, version, figures, submittedAt: `${date}T09:0${version}:00.000Z` });

describe('ListSitrepsHandler', () => {
  let store: FakeStore;
  let handler: ListSitrepsHandler;

  beforeEach(() => {
    store = new FakeStore();
    store
      .tables(fakeSitreps)
      .hold(
        report(SANDWELL, '2026-06-30', 1, { ffp3_masks_days: 4 }),
        report(SANDWELL, '2026-07-01', 1, { ffp3_masks_days: 3 }),
        report(SANDWELL, '2026-07-01', 2, { ffp3_masks_days: 2 }),
        report(WALSALL, '2026-07-01', 1, { ffp3_masks_days: 8 }),
      );
    // 00:30 BST on 1 July: still 30 June in UTC.
    handler = new ListSitrepsHandler(
      new FakeReference(),
      store.tables(fakeSitreps).reader(),
      londonRegion,
      new FakeClock(new Date('2026-06-30T23:30:00.000Z')),
    );
  });

  it('lists today’s (region time) reports: the latest version of each authority, with the earlier ones as history', async () => {
    const result = await handler.execute(new ListSitreps(officerOf(BIRMINGHAM), 'ppe', undefined));
    expect(result.date).toBe('2026-07-01');
    expect(
      result.items.map((i) => [i.authority, i.latest.version, i.latest.figures, i.history.map((h) => h.version)]),
    ).toEqual([
      [SANDWELL, 2, { ffp3_masks_days: 2 }, [1]],
      [WALSALL, 1, { ffp3_masks_days: 8 }, []],
    ]);
  });

  it('lists a given day', async () => {
    const result = await handler.execute(new ListSitreps(person('mayors-office'), 'ppe', '2026-06-30'));
    expect(result.items.map((i) => [i.authority, i.latest.figures])).toEqual([[SANDWELL, { ffp3_masks_days: 4 }]]);
  });

  it('refuses a member of another cell with 403, and answers 404 for an unknown cell', async () => {
    const refused: unknown = await handler
      .execute(new ListSitreps(person('cell-member', { cells: ['food'] }), 'ppe', undefined))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('forbidden');
    const missing: unknown = await handler
      .execute(new ListSitreps(person('regional-coordinator'), 'vaccines', undefined))
      .catch((e: unknown) => e);
    expect((missing as DomainError).code).toBe('not-found');
  });
});
