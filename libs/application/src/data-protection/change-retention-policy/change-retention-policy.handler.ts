import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { can, changeRetention, forbidden, isRetentionRecordType, notFound, RetentionPolicy } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { RetentionStore } from '../../ports/data-protection';
import { ChangeRetentionPolicy } from './change-retention-policy.command';

@CommandHandler(ChangeRetentionPolicy)
export class ChangeRetentionPolicyHandler implements ICommandHandler<ChangeRetentionPolicy> {
  constructor(
    private readonly store: RetentionStore,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, recordType, change }: ChangeRetentionPolicy): Promise<RetentionPolicy> {
    if (!can(principal, 'retention.manage')) throw forbidden('only administrators may change retention settings');
    // The decision log and the journal are not record types here: they can never be given a retention.
    if (!isRetentionRecordType(recordType)) throw notFound(`retention setting ${recordType}`);
    const policy = changeRetention(recordType, change, principal, this.clock.now());
    await this.store.save(policy);
    return policy;
  }
}
