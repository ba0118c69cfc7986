import { Marking, Role } from '@muster/contracts';

/** Who is calling, as established from a verified token. */
export interface Principal {
  sub: string;
  name: string;
  roles: ReadonlySet<Role>;
  /** GSS code, meaningful for authority officers. */
  authority?: string;
  /** Cell slugs, meaningful for cell leads and members. */
  cells: ReadonlySet<string>;
  clearance: Marking;
}

export function principal(fields: {
  sub: string;
  name?: string;
  roles: readonly Role[];
  authority?: string;
  cells?: readonly string[];
  clearance?: Marking;
}): Principal {
  return {
    sub: fields.sub,
    name: fields.name ?? fields.sub,
    roles: new Set(fields.roles),
    authority: fields.authority,
    cells: new Set(fields.cells ?? []),
    clearance: fields.clearance ?? 'OFFICIAL',
  };
}
