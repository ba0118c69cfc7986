import { DataSource } from 'typeorm';
import { Recipient, Recipients, RotaScope } from '@muster/application';
import type { ContactPoint, RegionFile } from '@muster/config';
import type { Role } from '@muster/contracts';
import { contactKey, type Person, WIDE_SCOPES } from '@muster/domain';
import { PERSON_COLUMNS, personOf, PersonRow } from './person-row';

type Contacts = RegionFile['contacts'];

const CONTACT_PREFIX = 'contact:';

/**
 * Who is reached: the person whose shift covers the moment (rota_shift, person), else the scope's contact
 * point from the region file (`contact:<scope>`; a cell without one of its own has the cells' default).
 */
export class PostgresRecipients extends Recipients {
  private contacts: Promise<Contacts> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly loadContacts: () => Promise<Contacts>,
  ) {
    super();
  }

  async holderOf(scope: RotaScope, at: Date): Promise<Recipient> {
    const rows: PersonRow[] = await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS.split(', ')
        .map((c) => `p.${c}`)
        .join(', ')}
         FROM rota_shift s JOIN person p ON p.sub = s.sub
        WHERE s.scope = $1 AND s.starts_at <= $2 AND s.ends_at > $2`,
      [scope, at],
    );
    if (rows[0] !== undefined) return recipientOf(personOf(rows[0]));
    return this.contactPoint(scope);
  }

  async byKey(key: string): Promise<Recipient | undefined> {
    if (key.startsWith(CONTACT_PREFIX)) {
      const scope = key.slice(CONTACT_PREFIX.length);
      return (await this.knownScope(scope)) ? this.contactPoint(scope) : undefined;
    }
    const rows: PersonRow[] = await this.dataSource.query(`SELECT ${PERSON_COLUMNS} FROM person WHERE sub = $1`, [key]);
    return rows[0] === undefined ? undefined : recipientOf(personOf(rows[0]));
  }

  async withRole(role: Role): Promise<Recipient[]> {
    const rows: PersonRow[] = await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS} FROM person WHERE $1 = ANY(roles) ORDER BY sub`,
      [role],
    );
    return rows.map((row) => recipientOf(personOf(row)));
  }

  /** The scope's fallback: the region file's contact point for it (a cell's own, or the cells' default). */
  private async contactPoint(scope: string): Promise<Recipient> {
    const contacts = await this.regionContacts();
    const point: ContactPoint =
      scope === 'regional'
        ? contacts.regional
        : scope === 'national'
          ? contacts.national
          : cellContact(contacts, scope);
    return { key: contactKey(scope), ...point };
  }

  /** A contact key names a scope that exists: a wide scope, or a cell in the reference data. */
  private async knownScope(scope: string): Promise<boolean> {
    if ((WIDE_SCOPES as readonly string[]).includes(scope)) return true;
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM cell WHERE slug = $1`, [scope]);
    return rows.length > 0;
  }

  private regionContacts(): Promise<Contacts> {
    this.contacts ??= this.loadContacts().catch((error: unknown) => {
      this.contacts = undefined;
      throw error;
    });
    return this.contacts;
  }
}

function cellContact(contacts: Contacts, slug: string): ContactPoint {
  // `default` is the cells' fallback, never a cell of its own (a slug cannot be "default" by accident here).
  return (
    (slug !== 'default' && Object.hasOwn(contacts.cells, slug) ? contacts.cells[slug] : undefined) ??
    contacts.cells.default
  );
}

export function recipientOf(p: Person): Recipient {
  return {
    key: p.sub,
    name: p.name,
    ...(p.email === undefined ? {} : { email: p.email }),
    ...(p.mobile === undefined ? {} : { mobile: p.mobile }),
    ...(p.teamsWebhook === undefined ? {} : { teamsWebhook: p.teamsWebhook }),
    ...(p.preferences === undefined ? {} : { preferences: p.preferences }),
  };
}
