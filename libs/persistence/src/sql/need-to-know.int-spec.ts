import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { MARKINGS, ROLES } from '@muster/contracts';
import { canSee, principal, sensitiveReach, type MarkedItem } from '@muster/domain';
import { createDataSource } from '@muster/persistence';
import { createTestDatabase, type TestDatabase } from '@muster/testing';
import { withinReachSql } from './need-to-know';
import { BIRMINGHAM, COVENTRY, DUDLEY } from '@muster/builders';

jest.setTimeout(60_000);

/**
 * The need-to-know rule exists once, in the domain; lists filter in SQL before they limit. This holds the
 * SQL translation to `canSee` on the real PostgreSQL: for generated callers and items (cells and authorities
 * present or absent, either marking), the rows the condition keeps are exactly those `canSee` allows.
 */

const CELLS = ['ppe', 'food', 'shielding'];
const CODES = [BIRMINGHAM, COVENTRY, DUDLEY];

const anyItem = fc.record({
  marking: fc.constantFrom(...MARKINGS),
  cell: fc.option(fc.constantFrom(...CELLS), { nil: undefined }),
  authorities: fc.uniqueArray(fc.constantFrom(...CODES), { maxLength: 2 }),
});

const anyPrincipal = fc
  .record({
    roles: fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: 3 }),
    cells: fc.uniqueArray(fc.constantFrom(...CELLS), { maxLength: 2 }),
    authority: fc.option(fc.constantFrom(...CODES), { nil: undefined }),
    clearance: fc.constantFrom(...MARKINGS),
  })
  .map((fields) => principal({ sub: 'reader', ...fields }));

describe('need to know in SQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 2, applicationName: 'muster-need-to-know-test' });
    await dataSource.initialize();
    await dataSource.query(
      `CREATE TABLE marked_item (id uuid PRIMARY KEY, marking text NOT NULL, cell text, authorities text[] NOT NULL)`,
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('keeps exactly the rows canSee allows, for any caller and items', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyItem, { minLength: 1, maxLength: 30 }),
        fc.array(anyPrincipal, { minLength: 1, maxLength: 8 }),
        async (items, readers) => {
          const rows = items.map((item) => ({ id: randomUUID(), ...item }));
          await dataSource.query(`TRUNCATE marked_item`);
          await dataSource.query(
            `INSERT INTO marked_item (id, marking, cell, authorities)
           SELECT id, marking, cell, authorities::text[] FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS r(id, marking, cell, authorities)`,
            // A text[] per row does not fit unnest's one-dimensional arrays: each row's authorities travel as a literal.
            [
              rows.map((r) => r.id),
              rows.map((r) => r.marking),
              rows.map((r) => r.cell ?? null),
              rows.map((r) => `{${r.authorities.join(',')}}`),
            ],
          );
          for (const reader of readers) {
            const { where, parameters } = withinReachSql(sensitiveReach(reader), {
              marking: 'i.marking',
              cell: 'i.cell',
              authorities: 'i.authorities',
            });
            const kept: Array<{ id: string }> = await dataSource
              .createQueryBuilder()
              .select('i.id', 'id')
              .from('marked_item', 'i')
              .where(where, parameters)
              .getRawMany();
            const expected = rows.filter((row) => canSee(reader, row satisfies MarkedItem)).map((row) => row.id);
            expect(kept.map((row) => row.id).sort()).toEqual(expected.sort());
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
