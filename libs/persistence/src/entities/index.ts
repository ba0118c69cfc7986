import { ActionEntity } from './action.entity';
import { AuthorityEntity } from './authority.entity';
import { CellEntity } from './cell.entity';
import { DecisionLogEntryEntity } from './decision-log-entry.entity';
import { DecisionLogHeadEntity } from './decision-log-head.entity';
import { DecisionRequestEntity } from './decision-request.entity';
import { EscalationEntity } from './escalation.entity';

export {
  ActionEntity,
  AuthorityEntity,
  CellEntity,
  DecisionLogEntryEntity,
  DecisionLogHeadEntity,
  DecisionRequestEntity,
  EscalationEntity,
};
export const entities = [
  ActionEntity,
  AuthorityEntity,
  CellEntity,
  DecisionLogEntryEntity,
  DecisionLogHeadEntity,
  DecisionRequestEntity,
  EscalationEntity,
];
