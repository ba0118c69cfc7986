import { principal } from '../access/principal';
import { DecisionRequest } from './decision-request';
import { OpenDecisionRequestInput } from './open-decision-request';

export const BIRMINGHAM = 'E08000025';
export const COVENTRY = 'E08000026';
export const T0 = new Date('2026-11-22T12:00:00.000Z');
export const knownAuthorities: ReadonlySet<string> = new Set([BIRMINGHAM, COVENTRY]);

export const member = principal({ sub: 'm-1', name: 'A member', roles: ['cell-member'], cells: ['homelessness'] });

export function openInput(overrides: Partial<OpenDecisionRequestInput> = {}): OpenDecisionRequestInput {
  return {
    cell: 'homelessness',
    question: 'Block-book the hotel on Broad Street by 16:00?',
    dueInMinutes: 240,
    marking: 'OFFICIAL',
    ...overrides,
  };
}

/** An open request due at 16:00, four hours after T0. */
export function openRequest(overrides: Partial<DecisionRequest> = {}): DecisionRequest {
  return {
    id: 'dr-1',
    cell: 'homelessness',
    question: 'Block-book the hotel on Broad Street by 16:00?',
    dueAt: '2026-11-22T16:00:00.000Z',
    marking: 'OFFICIAL',
    status: 'open',
    requestedBy: { sub: member.sub, name: member.name },
    requestedAt: T0.toISOString(),
    version: 1,
    ...overrides,
  };
}
