import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { can, changeRetention, forbidden, isRetentionRecordType, notFound, RetentionPolicy } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { UnitOfWork } from '../../ports/transaction';
import { ChangeRetentionPolicy } from './change-retention-policy.command';
import { RetentionWriter } from '../../ports/writers/retention.writer';

@CommandHandler(ChangeRetentionPolicy)
export class ChangeRetentionPolicyHandler implements ICommandHandler<ChangeRetentionPolicy> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, recordType, change }: ChangeRetentionPolicy): Promise<RetentionPolicy> {
    if (!can(principal, 'retention.manage')) throw forbidden('only administrators may change retention settings');
    // The decision log and the journal are not record types here: they can never be given a retention.
    if (!isRetentionRecordType(recordType)) throw notFound(`retention setting ${recordType}`);
    const { state: policy, events } = changeRetention({ ...change, recordType, by: principal, at: this.clock.now() });
    // The change and its journal record commit together: the journal is the evidence of who held what, and why.
    return this.unitOfWork.run(async (tx) => {
      await tx.get(RetentionWriter).save(policy);
      await tx.journal.append(events, principal.sub);
      return policy;
    });
  }
}
