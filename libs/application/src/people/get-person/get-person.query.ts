import { Query } from '@nestjs/cqrs';
import type { Principal } from '@muster/domain';
import type { PersonView } from '../person-view';

/** One person: anyone for an administrator, oneself for everyone (`/me`). */
export class GetPerson extends Query<PersonView> {
  constructor(
    readonly principal: Principal,
    readonly sub: string,
  ) {
    super();
  }
}
