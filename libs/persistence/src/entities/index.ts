import { AuthorityEntity } from './authority.entity';
import { CellEntity } from './cell.entity';
import { DecisionLogEntryEntity } from './decision-log-entry.entity';
import { DecisionLogHeadEntity } from './decision-log-head.entity';
import { DecisionRequestEntity } from './decision-request.entity';
import { EscalationEntity } from './escalation.entity';

export {
  AuthorityEntity,
  CellEntity,
  DecisionLogEntryEntity,
  DecisionLogHeadEntity,
  DecisionRequestEntity,
  EscalationEntity,
};
export const entities = [
  AuthorityEntity,
  CellEntity,
  DecisionLogEntryEntity,
  DecisionLogHeadEntity,
  DecisionRequestEntity,
  EscalationEntity,
];
