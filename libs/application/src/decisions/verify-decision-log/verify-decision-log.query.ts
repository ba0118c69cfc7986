import { Query } from '@nestjs/cqrs';
import { ChainVerdict, Principal } from '@muster/domain';

export class VerifyDecisionLog extends Query<ChainVerdict> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
  ) {
    super();
  }
}
