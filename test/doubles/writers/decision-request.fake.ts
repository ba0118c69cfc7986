import type { DecisionRequest } from '@muster/domain';
import { DecisionRequestWriter } from '@muster/application';
import { fakeWriterFor } from '../fake-store';
import { FakeAggregates } from './fake-aggregates';

export const fakeDecisionRequests = fakeWriterFor(
  DecisionRequestWriter,
  () => new FakeAggregates<DecisionRequest>(DecisionRequestWriter, 'decision request'),
);
