import { AuthorityEntity } from './authority.entity';
import { CellEntity } from './cell.entity';
import { DecisionLogEntryEntity } from './decision-log-entry.entity';
import { DecisionLogHeadEntity } from './decision-log-head.entity';

export { AuthorityEntity, CellEntity, DecisionLogEntryEntity, DecisionLogHeadEntity };
export const entities = [AuthorityEntity, CellEntity, DecisionLogEntryEntity, DecisionLogHeadEntity];
