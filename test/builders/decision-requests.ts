import type { DecisionRequest, OpenDecisionRequestInput } from '@muster/domain';
import { member, type PersonFields } from './people';
import { BIRMINGHAM, COVENTRY } from './region';

/** When the decision requests of these tests are asked: four hours before they fall due. */
export const ASKED_AT = new Date('2026-11-22T12:00:00.000Z');
export const KNOWN_AUTHORITIES: ReadonlySet<string> = new Set([BIRMINGHAM, COVENTRY]);

/** A member of the homelessness cell, who asks the questions in these tests. */
export const asker = (fields: PersonFields = {}) =>
  member({ sub: 'm-1', name: 'A member', cells: ['homelessness'], ...fields });

export function openInput(overrides: Partial<OpenDecisionRequestInput> = {}): OpenDecisionRequestInput {
  return {
    cell: 'homelessness',
    question: 'Block-book the hotel on Broad Street by 16:00?',
    dueInMinutes: 240,
    marking: 'OFFICIAL',
    ...overrides,
  };
}

/** An open request to the homelessness cell due at 16:00, four hours after ASKED_AT, with overrides. */
export function decisionRequest(overrides: Partial<DecisionRequest> = {}): DecisionRequest {
  const by = asker();
  return {
    id: 'dr-1',
    cell: 'homelessness',
    question: 'Block-book the hotel on Broad Street by 16:00?',
    dueAt: '2026-11-22T16:00:00.000Z',
    marking: 'OFFICIAL',
    status: 'open',
    requestedBy: { sub: by.sub, name: by.name },
    requestedAt: ASKED_AT.toISOString(),
    version: 1,
    ...overrides,
  };
}
