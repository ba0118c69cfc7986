import { CellWriter, SitrepWriter } from '@muster/application';
import { DataSource } from 'typeorm';
import type { Cell, Sitrep } from '@muster/domain';
import { createDataSource, ReferenceRepository, TypeOrmUnitOfWork } from '@muster/persistence';
import { createTestDatabase, type TestDatabase } from '@muster/testing';
import { SANDWELL, sitrep, WALSALL } from '@muster/builders';

/**
 * Cells' governance state on the real PostgreSQL: lock, update and the activation episode, and the lock's
 * behaviour beside sitrep inserts, which the criteria review relies on (two reports for one cell take
 * turns, and the later one sees the earlier one's report).
 */

// The integration project's `testTimeout` in jest.config.js does not reach the tests (Jest reads it only at
// the top level), so the file sets its own.
jest.setTimeout(30_000);

const TODAY = '2026-11-20';

const report = (authority: string): Sitrep => sitrep({ authority, date: TODAY, figures: { ffp3_masks_days: 2 } });

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('cell writer (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let uow: TypeOrmUnitOfWork;
  let reference: ReferenceRepository;

  beforeEach(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 4, applicationName: 'muster-cell-writer-test' });
    await dataSource.initialize();
    uow = new TypeOrmUnitOfWork(dataSource);
    reference = new ReferenceRepository(dataSource);
  });

  afterEach(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  it('locks a seeded cell with its governance state, and updates status and episode together', async () => {
    const seeded = await reference.cell('ppe');
    const held = await uow.run((tx) => tx.get(CellWriter).lock('ppe'));
    expect(held).toEqual({ cell: seeded, episodeOpen: false });
    expect(held?.cell.status).toBe('standby');

    await uow.run(async (tx) => {
      const current = await tx.get(CellWriter).lock('ppe');
      if (current === undefined) throw new Error('no ppe');
      await tx.get(CellWriter).update({ cell: { ...current.cell, status: 'active' }, episodeOpen: true });
    });
    expect(await uow.run((tx) => tx.get(CellWriter).lock('ppe'))).toEqual({
      cell: { ...seeded, status: 'active' },
      episodeOpen: true,
    });
    expect((await reference.cell('ppe'))?.status).toBe('active');

    await uow.run(async (tx) => {
      const current = await tx.get(CellWriter).lock('ppe');
      if (current === undefined) throw new Error('no ppe');
      await tx.get(CellWriter).update({ ...current, episodeOpen: false });
    });
    expect((await uow.run((tx) => tx.get(CellWriter).lock('ppe')))?.episodeOpen).toBe(false);
  });

  it('finds no cell to lock for an unknown slug', async () => {
    expect(await uow.run((tx) => tx.get(CellWriter).lock('vaccines'))).toBeUndefined();
  });

  it('inserts a new cell as data, with its figures, thresholds, criteria and an empty decision log', async () => {
    const cell: Cell = {
      slug: 'shelters',
      name: 'Emergency shelters',
      description: 'Rest centres',
      status: 'standby',
      decisionTimescaleMinutes: 45,
      sitrepCutoff: '09:30',
      figures: [{ key: 'beds_free', label: 'Beds free', unit: 'beds', carriesForward: false }],
      thresholds: [{ figure: 'beds_free', direction: 'lower-is-worse', red: 10, amber: 50 }],
      activationCriteria: [
        { description: 'Under 10 beds in two or more', figure: 'beds_free', below: 10, minAuthorities: 2 },
      ],
    };
    await uow.run((tx) => tx.get(CellWriter).insert(cell));
    expect(await reference.cell('shelters')).toEqual(cell);
    expect(await uow.run((tx) => tx.get(CellWriter).lock('shelters'))).toEqual({ cell, episodeOpen: false });
    const heads: Array<{ sequence: number }> = await dataSource.query(
      `SELECT sequence FROM decision_log_head WHERE cell = 'shelters'`,
    );
    expect(heads).toEqual([{ sequence: 0 }]);
  });

  it('lets two reports for one cell lock it after inserting, one after the other, without deadlock', async () => {
    const aInserted = deferred();
    const bInserted = deferred();
    const aLocked = deferred();
    const order: string[] = [];
    let seenByLater: string[] = [];

    // Each transaction's sitrep insert holds KEY SHARE on the cell row (its foreign key) before it locks.
    const a = uow.run(async (tx) => {
      await tx.get(SitrepWriter).insert([report(SANDWELL)]);
      aInserted.resolve();
      await bInserted.promise;
      await tx.get(CellWriter).lock('ppe');
      order.push('a locked');
      aLocked.resolve();
      // Were the lock not exclusive, b would record its lock while a still sleeps here.
      await sleep(300);
      order.push('a commits');
    });
    const b = uow.run(async (tx) => {
      await tx.get(SitrepWriter).insert([report(WALSALL)]);
      bInserted.resolve();
      await aInserted.promise;
      // Asks for the lock only once a holds it, so the order below cannot depend on scheduling.
      await aLocked.promise;
      await tx.get(CellWriter).lock('ppe');
      order.push('b locked');
      // What the criteria review reads next: the earlier transaction's report, now committed, and its own.
      seenByLater = (await tx.get(SitrepWriter).window('ppe', TODAY, TODAY)).map((s) => s.authority).sort();
    });

    await Promise.all([a, b]);
    expect(order).toEqual(['a locked', 'a commits', 'b locked']);
    expect(seenByLater).toEqual([SANDWELL, WALSALL]);
  });
});
