import type { Recorder, TrackedAction } from '@muster/domain';

const RECORDER: Recorder = { sub: 'lead-1', name: 'Asha Lead' };

/** When the builders' action was created: the decision fixture's recording time. */
export const ACTION_CREATED_AT = '2026-11-22T10:01:00.000Z';
/** Its due time, six hours on. */
export const ACTION_DUE = '2026-11-22T16:00:00.000Z';

/** An open action of the PPE cell's decision 1, owned by the Sandwell officer, due at 16:00, with overrides. */
export function trackedAction(overrides: Partial<TrackedAction> = {}): TrackedAction {
  return {
    id: '00000000-0000-8000-8000-0000000000a1',
    cell: 'ppe',
    decisionId: '00000000-0000-4000-8000-000000000001',
    decisionSequence: 1,
    action: 'Arrange courier',
    owner: 'authority-officer-1',
    due: ACTION_DUE,
    status: 'open',
    marking: 'OFFICIAL',
    authorities: [],
    createdAt: ACTION_CREATED_AT,
    updatedAt: ACTION_CREATED_AT,
    history: [{ at: ACTION_CREATED_AT, by: RECORDER, kind: 'created', status: 'open' }],
    version: 1,
    ...overrides,
  };
}
