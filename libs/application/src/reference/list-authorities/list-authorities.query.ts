import { Query } from '@nestjs/cqrs';
import { Authority, Principal } from '@muster/domain';

export class ListAuthorities extends Query<Authority[]> {
  constructor(readonly principal: Principal) {
    super();
  }
}
