import { type Escalation, type HeldBy, type Level, raiseEscalation, type RaiseEscalationInput } from '@muster/domain';
import { officer } from './people';
import { BIRMINGHAM } from './region';
import { SLA } from './time';

/** When the escalations of these tests are raised. */
export const RAISED_AT = new Date('2026-11-22T09:00:00.000Z');

/** Who holds the PPE cell's level on the rota when the escalations of these tests are raised. */
export const CELL_HOLDER: HeldBy = { key: 'ppe-holder', name: 'Priya Shah' };
/** Who holds the regional level on the rota. */
export const REGIONAL_HOLDER: HeldBy = { key: 'regional-holder', name: 'Sam Hughes' };

/** What a Birmingham officer asks of the PPE cell, with overrides. */
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

/**
 * A freshly raised escalation (`esc-1` at RAISED_AT unless told otherwise), raised through the rule by an
 * officer of its authority cleared for its marking.
 */
export function raised(
  overrides: Partial<RaiseEscalationInput> = {},
  now: Date | string = RAISED_AT,
  id = 'esc-1',
): Escalation {
  const input = raiseInput(overrides);
  const by = officer({ authority: input.authority, clearance: input.marking });
  return raiseEscalation({ ...input, by, at: new Date(now), sla: SLA, id, heldBy: CELL_HOLDER }).state;
}

/** An escalation as stored: the one `raised` gives, with any field set (a level climbed to, a status, an id). */
export function escalation(overrides: Partial<Escalation> = {}): Escalation {
  return { ...raised(), ...overrides };
}

/** The same escalation placed at a level, as if it had climbed there, open with a deadline running. */
export const atLevel = (level: Level, overrides: Partial<Escalation> = {}): Escalation =>
  escalation({ level, ...overrides });
