import { DataSource } from 'typeorm';
import { reportKey, SitrepWriter } from '@muster/application';
import type { Rag, ReportedFigures, Sitrep } from '@muster/domain';
import { createDataSource, SitrepRepository, TypeOrmUnitOfWork } from '@muster/persistence';
import { createTestDatabase, type TestDatabase } from '@muster/testing';
import { BIRMINGHAM, COVENTRY, SANDWELL, sitrep, WALSALL } from '@muster/builders';

/**
 * Situation reports on the real PostgreSQL: every version is kept and comes back as written (jsonb figures,
 * dates without a time zone shift, timestamptz), versions are unique, and the window returns the latest
 * version per authority and day within the range only, inside a transaction as well as outside.
 */

// The integration project's `testTimeout` in jest.config.js does not reach the tests (Jest reads it only at
// the top level), so the file sets its own.
jest.setTimeout(30_000);

const UNIQUE_VIOLATION = '23505';

let submitted = 0;

/** Each a second after the last, by an officer whose name tests the text columns. */
function report(
  authority: string,
  date: string,
  version: number,
  figures: Record<string, number>,
  extra: Partial<Sitrep> = {},
): Sitrep {
  submitted += 1;
  const submittedAt = new Date(Date.UTC(2026, 10, 20, 9, 0, submitted, 123)).toISOString();
  return sitrep({
    authority,
    date,
    version,
    figures,
    submittedBy: { sub: 'officer-1', name: 'Siân O’Connor-Ng' },
    submittedAt,
    ...extra,
  });
}

describe('sitrep repository (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let uow: TypeOrmUnitOfWork;
  let reader: SitrepRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 4, applicationName: 'muster-sitrep-test' });
    await dataSource.initialize();
    uow = new TypeOrmUnitOfWork(dataSource);
    reader = new SitrepRepository(dataSource);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  beforeEach(async () => {
    await dataSource.query(`DELETE FROM sitrep`);
  });

  const store = (...reports: Sitrep[]) =>
    uow.run(async (tx) => {
      await tx.get(SitrepWriter).insert(reports);
    });

  const key = (s: ReportedFigures) => `${s.cell}/${s.authority}/${s.date}/v${s.version}`;
  const keys = (list: readonly ReportedFigures[]) => list.map(key).sort();

  describe('versions', () => {
    it('keeps every version of a day’s report and returns each exactly as written, oldest first', async () => {
      const rag: Rag = 'red';
      const v1 = report(
        SANDWELL,
        '2026-11-20',
        1,
        { ffp3_masks_days: 5.25, gloves_stock: 120_000 },
        { narrative: 'Delivery “late” — café 🚑', rag: 'amber' },
      );
      const v2 = report(SANDWELL, '2026-11-20', 2, { ffp3_masks_days: 2 });
      const v3 = report(SANDWELL, '2026-11-20', 3, { ffp3_masks_days: 0, requests_outstanding: 7 }, { rag });
      await store(v1);
      await store(v2);
      await store(v3);

      expect(await reader.forDate('ppe', '2026-11-20')).toEqual([v1, v2, v3]);
      expect(
        await uow.run((tx) => tx.get(SitrepWriter).latest('ppe', [{ authority: SANDWELL, date: '2026-11-20' }])),
      ).toEqual(new Map([[reportKey(SANDWELL, '2026-11-20'), v3]]));
    });

    it('gives the latest version of each report asked for in one read, and none for a report never made', async () => {
      const sandwell = report(SANDWELL, '2026-11-20', 2, { ffp3_masks_days: 4 });
      const walsall = report(WALSALL, '2026-11-19', 1, { ffp3_masks_days: 3 });
      await store(
        report(SANDWELL, '2026-11-20', 1, { ffp3_masks_days: 5 }),
        sandwell,
        walsall,
        report(SANDWELL, '2026-11-20', 1, { requests_outstanding: 9 }, { cell: 'food' }),
      );
      const asked = [
        { authority: SANDWELL, date: '2026-11-20' },
        { authority: WALSALL, date: '2026-11-19' },
        { authority: SANDWELL, date: '2026-11-19' },
        { authority: WALSALL, date: '2026-11-20' },
        { authority: SANDWELL, date: '2026-11-20' },
      ];
      expect(await uow.run((tx) => tx.get(SitrepWriter).latest('ppe', asked))).toEqual(
        new Map([
          [reportKey(SANDWELL, '2026-11-20'), sandwell],
          [reportKey(WALSALL, '2026-11-19'), walsall],
        ]),
      );
      expect(await uow.run((tx) => tx.get(SitrepWriter).latest('ppe', []))).toEqual(new Map());
    });

    it('lists a day’s reports by authority then version, and nothing of another day or cell', async () => {
      await store(
        report(WALSALL, '2026-11-20', 1, { ffp3_masks_days: 4 }),
        report(SANDWELL, '2026-11-20', 2, { ffp3_masks_days: 3 }),
        report(SANDWELL, '2026-11-20', 1, { ffp3_masks_days: 2 }),
        report(SANDWELL, '2026-11-19', 1, { ffp3_masks_days: 1 }),
        report(SANDWELL, '2026-11-20', 1, { requests_outstanding: 9 }, { cell: 'food' }),
      );
      expect((await reader.forDate('ppe', '2026-11-20')).map(key)).toEqual([
        `ppe/${SANDWELL}/2026-11-20/v1`,
        `ppe/${SANDWELL}/2026-11-20/v2`,
        `ppe/${WALSALL}/2026-11-20/v1`,
      ]);
    });

    it('refuses a second copy of a version, so two submissions racing for the same number cannot both land', async () => {
      await store(report(SANDWELL, '2026-11-20', 1, { ffp3_masks_days: 5 }));
      const error: unknown = await store(report(SANDWELL, '2026-11-20', 1, { ffp3_masks_days: 1 })).catch(
        (e: unknown) => e,
      );
      expect((error as { driverError?: { code?: string } }).driverError?.code).toBe(UNIQUE_VIOLATION);
      expect((await reader.forDate('ppe', '2026-11-20')).map((s) => s.figures)).toEqual([{ ffp3_masks_days: 5 }]);
    });

    it('writes nothing when the unit of work fails', async () => {
      const failed = uow.run(async (tx) => {
        await tx.get(SitrepWriter).insert([report(SANDWELL, '2026-11-20', 1, { ffp3_masks_days: 5 })]);
        throw new Error('later step failed');
      });
      await expect(failed).rejects.toThrow('later step failed');
      expect(await reader.forDate('ppe', '2026-11-20')).toEqual([]);
    });

    it('keeps the calendar day whatever the session’s time zone', async () => {
      const spring = report(SANDWELL, '2026-03-29', 1, { ffp3_masks_days: 5 });
      await store(spring);
      const seen = await dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL TimeZone = 'Pacific/Kiritimati'`);
        const rows: Array<{ date: string }> = await manager.query(
          `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM sitrep`,
        );
        return rows.map((r) => r.date);
      });
      expect(seen).toEqual(['2026-03-29']);
      expect((await reader.window('ppe', '2026-03-29', '2026-03-29')).map((s) => s.date)).toEqual(['2026-03-29']);
    });
  });

  describe('window', () => {
    // Four days of PPE reports with resubmissions, plus food reports that must never appear.
    const history = () => [
      report(SANDWELL, '2026-11-16', 1, { ffp3_masks_days: 9 }),
      report(SANDWELL, '2026-11-17', 1, { ffp3_masks_days: 8 }),
      report(SANDWELL, '2026-11-17', 2, { ffp3_masks_days: 7 }),
      report(SANDWELL, '2026-11-18', 1, { ffp3_masks_days: 6 }),
      report(SANDWELL, '2026-11-19', 1, { ffp3_masks_days: 5 }),
      report(SANDWELL, '2026-11-19', 2, { ffp3_masks_days: 4 }),
      report(SANDWELL, '2026-11-19', 3, { ffp3_masks_days: 3 }),
      report(WALSALL, '2026-11-17', 1, { gloves_days: 2 }),
      report(WALSALL, '2026-11-20', 1, { gloves_days: 1 }),
      report(COVENTRY, '2026-11-18', 1, { ffp3_masks_days: 12 }),
      report(COVENTRY, '2026-11-18', 2, { ffp3_masks_days: 11 }),
      report(BIRMINGHAM, '2026-11-18', 1, { requests_outstanding: 400 }, { cell: 'food' }),
      report(BIRMINGHAM, '2026-11-18', 2, { requests_outstanding: 450 }, { cell: 'food' }),
    ];

    it('returns the latest version per authority and day within the range, bounds included, and nothing else', async () => {
      await store(...history());
      const window = await reader.window('ppe', '2026-11-17', '2026-11-19');
      expect(keys(window)).toEqual(
        [
          `ppe/${COVENTRY}/2026-11-18/v2`,
          `ppe/${SANDWELL}/2026-11-17/v2`,
          `ppe/${SANDWELL}/2026-11-18/v1`,
          `ppe/${SANDWELL}/2026-11-19/v3`,
          `ppe/${WALSALL}/2026-11-17/v1`,
        ].sort(),
      );
      expect(window.find((s) => s.authority === SANDWELL && s.date === '2026-11-19')?.figures).toEqual({
        ffp3_masks_days: 3,
      });
    });

    it('returns one day for a one-day range, and nothing for a range with no reports', async () => {
      await store(...history());
      expect(keys(await reader.window('ppe', '2026-11-20', '2026-11-20'))).toEqual([`ppe/${WALSALL}/2026-11-20/v1`]);
      expect(await reader.window('ppe', '2026-11-01', '2026-11-15')).toEqual([]);
      expect(keys(await reader.window('food', '2026-11-01', '2026-11-30'))).toEqual([
        `food/${BIRMINGHAM}/2026-11-18/v2`,
      ]);
    });

    it('inside a unit of work sees its own report before it commits; outside, nobody does until it does', async () => {
      await store(...history());
      let inside: ReportedFigures[] = [];
      let outside: ReportedFigures[] = [];
      await uow.run(async (tx) => {
        await tx.get(SitrepWriter).insert([report(SANDWELL, '2026-11-19', 4, { ffp3_masks_days: 1 })]);
        inside = await tx.get(SitrepWriter).window('ppe', '2026-11-19', '2026-11-19');
        outside = await reader.window('ppe', '2026-11-19', '2026-11-19');
      });
      expect(keys(inside)).toEqual([`ppe/${SANDWELL}/2026-11-19/v4`]);
      expect(keys(outside)).toEqual([`ppe/${SANDWELL}/2026-11-19/v3`]);
      expect(keys(await reader.window('ppe', '2026-11-19', '2026-11-19'))).toEqual([`ppe/${SANDWELL}/2026-11-19/v4`]);
    });

    it('gives the same answer inside and outside a unit of work', async () => {
      await store(...history());
      const outside = await reader.window('ppe', '2026-11-16', '2026-11-20');
      const inside = await uow.run((tx) => tx.get(SitrepWriter).window('ppe', '2026-11-16', '2026-11-20'));
      const byKey = (list: ReportedFigures[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
      expect(byKey(inside)).toEqual(byKey(outside));
      // Sandwell on four days, Walsall on two, Coventry on one.
      expect(outside).toHaveLength(7);
    });
  });
});
