import { DecisionRequestWriter } from '@muster/application';
import { DecisionRequestEntity } from '../entities';
import { writerFor } from '../transaction-writers';
import { decisionRequestRow, toDecisionRequest } from './escalation.mapping';
import { TransactionalAggregateWriter } from './versioned-aggregate-writer';

export const decisionRequestWriter = writerFor(
  DecisionRequestWriter,
  (manager) => new TransactionalAggregateWriter(manager, DecisionRequestEntity, decisionRequestRow, toDecisionRequest, 'decision request'),
);
