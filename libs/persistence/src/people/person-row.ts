import type { Marking, Role } from '@muster/contracts';
import type { NotificationPreferences, Person } from '@muster/domain';

export interface PersonRow {
  sub: string;
  name: string;
  roles: Role[];
  authority: string | null;
  cells: string[];
  clearance: Marking;
  email: string | null;
  mobile: string | null;
  teams_webhook: string | null;
  preferences: NotificationPreferences;
  claims_at: Date;
  updated_at: Date;
}

export const PERSON_COLUMNS =
  'sub, name, roles, authority, cells, clearance, email, mobile, teams_webhook, preferences, claims_at, updated_at';

export function personOf(row: PersonRow): Person {
  return {
    sub: row.sub,
    name: row.name,
    roles: row.roles,
    ...(row.authority === null ? {} : { authority: row.authority }),
    cells: row.cells,
    clearance: row.clearance,
    ...(row.email === null ? {} : { email: row.email }),
    ...(row.mobile === null ? {} : { mobile: row.mobile }),
    ...(row.teams_webhook === null ? {} : { teamsWebhook: row.teams_webhook }),
    ...(Object.keys(row.preferences).length === 0 ? {} : { preferences: row.preferences }),
    claimsAt: row.claims_at,
    updatedAt: row.updated_at,
  };
}

/** A person's values in PERSON_COLUMNS order. */
export function personValues(p: Person): unknown[] {
  return [
    p.sub,
    p.name,
    p.roles,
    p.authority ?? null,
    p.cells,
    p.clearance,
    p.email ?? null,
    p.mobile ?? null,
    p.teamsWebhook ?? null,
    JSON.stringify(p.preferences ?? {}),
    p.claimsAt,
    p.updatedAt,
  ];
}
