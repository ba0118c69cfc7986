import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NamedShift, PeopleReader } from '@muster/application';
import type { Person } from '@muster/domain';
import { PERSON_COLUMNS, personOf, PersonRow } from './person-row';

/** The people directory (person) and the rotas (rota_shift), as read. */
@Injectable()
export class PeopleRepository extends PeopleReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async page(after: string | undefined, limit: number): Promise<Person[]> {
    const rows: PersonRow[] = await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS} FROM person WHERE $1::text IS NULL OR sub > $1 ORDER BY sub LIMIT $2`,
      [after ?? null, limit],
    );
    return rows.map(personOf);
  }

  async get(sub: string): Promise<Person | undefined> {
    const rows: PersonRow[] = await this.dataSource.query(`SELECT ${PERSON_COLUMNS} FROM person WHERE sub = $1`, [sub]);
    return rows[0] === undefined ? undefined : personOf(rows[0]);
  }

  async known(subs: readonly string[]): Promise<ReadonlySet<string>> {
    if (subs.length === 0) return new Set();
    const rows: Array<{ sub: string }> = await this.dataSource.query(`SELECT sub FROM person WHERE sub = ANY($1)`, [
      subs,
    ]);
    return new Set(rows.map((r) => r.sub));
  }

  async shifts(scope: string, since: Date): Promise<NamedShift[]> {
    const rows: Array<{ sub: string; name: string; starts_at: Date; ends_at: Date }> = await this.dataSource.query(
      `SELECT s.sub, p.name, s.starts_at, s.ends_at FROM rota_shift s JOIN person p ON p.sub = s.sub
        WHERE s.scope = $1 AND s.ends_at > $2 ORDER BY s.starts_at`,
      [scope, since],
    );
    return rows.map((r) => ({ sub: r.sub, name: r.name, from: r.starts_at, to: r.ends_at }));
  }
}
