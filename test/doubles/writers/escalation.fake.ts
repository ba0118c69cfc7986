import type { Escalation } from '@muster/domain';
import { EscalationWriter } from '@muster/application';
import { fakeWriterFor } from '../fake-store';
import { FakeAggregates } from './fake-aggregates';

export const fakeEscalations = fakeWriterFor(
  EscalationWriter,
  () => new FakeAggregates<Escalation>(EscalationWriter, 'escalation'),
);
