import type { Marking, Role } from '@muster/contracts';
import { principal, type Principal } from '@muster/domain';
import { BIRMINGHAM } from './region';

export interface PersonFields {
  sub?: string;
  name?: string;
  roles?: Role[];
  authority?: string;
  cells?: string[];
  clearance?: Marking;
}

/** Someone with one role (`<role>-1`, "A <role>"), OFFICIAL clearance, no cell or authority unless given. */
export function person(role: Role, fields: PersonFields = {}): Principal {
  const { sub = `${role}-1`, name = `A ${role}`, roles = [role], ...scope } = fields;
  return principal({ sub, name, roles, ...scope });
}

/** One person per role, in the PPE cell and for Birmingham where the role has a scope. */
export function scopedPerson(role: Role, fields: PersonFields = {}): Principal {
  const cells = role === 'cell-lead' || role === 'cell-member' ? ['ppe'] : [];
  return person(role, { cells, ...(role === 'authority-officer' && { authority: BIRMINGHAM }), ...fields });
}

export const officer = (fields: PersonFields = {}) => scopedPerson('authority-officer', fields);
export const lead = (fields: PersonFields = {}) => scopedPerson('cell-lead', fields);
export const member = (fields: PersonFields = {}) => scopedPerson('cell-member', fields);
export const regional = (fields: PersonFields = {}) => scopedPerson('regional-coordinator', fields);
export const admin = (fields: PersonFields = {}) => scopedPerson('admin', fields);

/** An officer of the given authority, with a sub of their own so several can act in one test. */
export const officerOf = (authority: string, fields: PersonFields = {}) =>
  officer({ sub: `officer-${authority}`, authority, ...fields });
