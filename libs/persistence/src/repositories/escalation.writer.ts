import { EscalationWriter } from '@muster/application';
import { EscalationEntity } from '../entities';
import { writerFor } from '../transaction-writers';
import { escalationRow, toEscalation } from './escalation.mapping';
import { TransactionalAggregateWriter } from './versioned-aggregate-writer';

export const escalationWriter = writerFor(
  EscalationWriter,
  (manager) => new TransactionalAggregateWriter(manager, EscalationEntity, escalationRow, toEscalation, 'escalation'),
);
