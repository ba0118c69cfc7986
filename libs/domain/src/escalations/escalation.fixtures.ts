import { Marking, Role } from '@muster/contracts';
import { principal, Principal } from '../access/principal';
import { DomainError } from '../shared/domain-error';
import { AckSla, Escalation, Level } from './escalation';
import { raiseEscalation, RaiseEscalationInput } from './raise-escalation';

export const BIRMINGHAM = 'E08000025';
export const COVENTRY = 'E08000026';
export const T0 = new Date('2026-11-22T09:00:00.000Z');

const MINUTE = 60_000;
export const SLA: AckSla = { critical: 15 * MINUTE, high: 60 * MINUTE, medium: 240 * MINUTE, low: 1440 * MINUTE };

/** One person per role, in the PPE cell and for Birmingham where the role has a scope. */
export function as(role: Role, clearance: Marking = 'OFFICIAL'): Principal {
  return principal({
    sub: `${role}-1`,
    name: `A ${role}`,
    roles: [role],
    cells: role === 'cell-lead' || role === 'cell-member' ? ['ppe'] : [],
    authority: role === 'authority-officer' ? BIRMINGHAM : undefined,
    clearance,
  });
}

export const officer = as('authority-officer');
export const lead = as('cell-lead');
export const member = as('cell-member');
export const regional = as('regional-coordinator');
export const foodLead = principal({ sub: 'food-lead', roles: ['cell-lead'], cells: ['food'] });
export const coventryOfficer = principal({ sub: 'cov', roles: ['authority-officer'], authority: COVENTRY });

export function raiseInput(overrides: Partial<RaiseEscalationInput> = {}): RaiseEscalationInput {
  return {
    authority: BIRMINGHAM,
    cell: 'ppe',
    title: 'FFP3 stock below two days',
    detail: 'Care homes in the north of the city report running out by Thursday',
    severity: 'high',
    marking: 'OFFICIAL',
    ...overrides,
  };
}

/** A freshly raised escalation, by the Birmingham officer at T0 unless told otherwise. */
export function raised(overrides: Partial<RaiseEscalationInput> = {}, now = T0): Escalation {
  return raiseEscalation(raiseInput(overrides), { principal: officer, now, sla: SLA, id: 'esc-1' }).escalation;
}

/** The same escalation placed at a level, as if it had climbed there, open with a deadline running. */
export function atLevel(level: Level, overrides: Partial<Escalation> = {}): Escalation {
  return { ...raised(), level, ...overrides };
}

export const plus = (at: Date | string, ms: number) => new Date(new Date(at).getTime() + ms);

/** Deep-freezes a value so any mutation by the rule under test throws. */
export function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

/** `ok`, or the code of the domain error thrown: lets permission tables read as data. */
export function outcome(action: () => unknown): 'ok' | string {
  try {
    action();
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

/** Unwraps a rule result the test expects to be there. */
export function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a change, got undefined');
  return value;
}
