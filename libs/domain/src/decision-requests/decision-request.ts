import { Marking } from '@muster/contracts';
import { Recorder } from '../decisions/decision';

export type DecisionRequestStatus = 'open' | 'decided' | 'overdue';

/** A question put to a cell with a deadline (a "rapid decision"). */
export interface DecisionRequest {
  id: string;
  cell: string;
  question: string;
  context?: string;
  options?: string[];
  dueAt: string;
  marking: Marking;
  authority?: string;
  status: DecisionRequestStatus;
  requestedBy: Recorder;
  requestedAt: string;
  /** The decision log entry that answered it. */
  decisionId?: string;
  decidedAt?: string;
  /** The regional escalation raised when its deadline passed. */
  escalationId?: string;
  overdueAt?: string;
  version: number;
}
