import type { Marking, Role } from '@muster/contracts';

/** Someone the development provider signs in: what the ID token and userinfo say about them. */
export interface Person {
  sub: string;
  name: string;
  role: Role;
  /** GSS code of the authority an officer works for. */
  authority?: string;
  cells: readonly string[];
  clearance: Marking;
}

export interface DemoPerson extends Person {
  /** One line for the sign-in page and for `npm start`'s list. */
  summary: string;
}

/**
 * One-click people for every role (the sign-in page, `npm start` and tests list them from here). The
 * subs match the development tokens `npm start` prints, so a person is the same whichever way they came in.
 */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    sub: 'dev-cell-lead',
    name: 'Priya Shah',
    role: 'cell-lead',
    cells: ['ppe'],
    clearance: 'OFFICIAL-SENSITIVE',
    summary: 'PPE cell lead, cleared for OFFICIAL-SENSITIVE',
  },
  {
    sub: 'dev-cell-member',
    name: 'Tom Evans',
    role: 'cell-member',
    cells: ['ppe'],
    clearance: 'OFFICIAL',
    summary: 'PPE cell member, OFFICIAL only',
  },
  {
    sub: 'dev-authority-officer-sandwell',
    name: 'Jas Kaur',
    role: 'authority-officer',
    authority: 'E08000028',
    cells: [],
    clearance: 'OFFICIAL',
    summary: 'Sandwell (E08000028) authority officer, OFFICIAL only',
  },
  {
    sub: 'dev-authority-officer',
    name: 'Grace Okafor',
    role: 'authority-officer',
    authority: 'E08000025',
    cells: [],
    clearance: 'OFFICIAL',
    summary: 'Birmingham (E08000025) authority officer, OFFICIAL only',
  },
  {
    sub: 'dev-regional-coordinator',
    name: 'Sam Hughes',
    role: 'regional-coordinator',
    cells: [],
    clearance: 'OFFICIAL-SENSITIVE',
    summary: 'regional coordinator, cleared for OFFICIAL-SENSITIVE',
  },
  {
    sub: 'dev-regional-coordinator-uncleared',
    name: 'Chris Lee',
    role: 'regional-coordinator',
    cells: [],
    clearance: 'OFFICIAL',
    summary: 'regional coordinator without clearance, OFFICIAL only',
  },
  {
    sub: 'dev-mayors-office',
    name: 'Alex Morgan',
    role: 'mayors-office',
    cells: [],
    clearance: 'OFFICIAL',
    summary: 'mayor\u2019s office, OFFICIAL only',
  },
  {
    sub: 'dev-admin',
    name: 'Dev Admin',
    role: 'admin',
    cells: [],
    clearance: 'OFFICIAL',
    summary: 'administrator, OFFICIAL only',
  },
];

/** The claims Muster reads (the same as a bearer token's): `authority` only when there is one. */
// A type, not an interface, so that it fits oidc-provider's index-signed claims.
export type MusterClaims = {
  sub: string;
  name: string;
  roles: Role[];
  authority?: string;
  cells: string[];
  clearance: Marking;
};

export function claimsOf(person: Person): MusterClaims {
  return {
    sub: person.sub,
    name: person.name,
    roles: [person.role],
    ...(person.authority === undefined ? {} : { authority: person.authority }),
    cells: [...person.cells],
    clearance: person.clearance,
  };
}
