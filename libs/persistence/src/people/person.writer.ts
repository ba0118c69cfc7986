import { EntityManager } from 'typeorm';
import { PersonWriter } from '@muster/application';
import type { Person } from '@muster/domain';
import { writerFor } from '../transaction-writers';
import { PERSON_COLUMNS, personOf, PersonRow, personValues } from './person-row';

export class TransactionalPersonWriter extends PersonWriter {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async lock(sub: string): Promise<Person | undefined> {
    const rows: PersonRow[] = await this.manager.query(
      `SELECT ${PERSON_COLUMNS} FROM person WHERE sub = $1 FOR UPDATE`,
      [sub],
    );
    return rows[0] === undefined ? undefined : personOf(rows[0]);
  }

  async save(person: Person): Promise<void> {
    // Two first sign-ins at once both find no row to lock: the later insert becomes an update.
    await this.manager.query(
      `INSERT INTO person (${PERSON_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (sub) DO UPDATE SET name = $2, roles = $3, authority = $4, cells = $5, clearance = $6, email = $7,
         mobile = $8, teams_webhook = $9, preferences = $10, claims_at = $11, updated_at = $12`,
      personValues(person),
    );
  }
}

export const personWriter = writerFor(PersonWriter, (manager) => new TransactionalPersonWriter(manager));
