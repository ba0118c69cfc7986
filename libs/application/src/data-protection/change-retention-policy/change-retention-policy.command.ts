import { Command } from '@nestjs/cqrs';
import { Principal, RetentionChange, RetentionPolicy } from '@muster/domain';

export class ChangeRetentionPolicy extends Command<RetentionPolicy> {
  constructor(
    readonly principal: Principal,
    /** As the caller wrote it: an unknown type is a 404, not a validation error. */
    readonly recordType: string,
    readonly change: RetentionChange,
  ) {
    super();
  }
}
