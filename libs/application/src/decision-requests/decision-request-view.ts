import { DecisionRequest } from '@muster/domain';

export type DecisionRequestView = DecisionRequest;

export const toDecisionRequestView = (r: DecisionRequest): DecisionRequestView => r;
