import { Query } from '@nestjs/cqrs';
import type { Principal } from '@muster/domain';
import type { PersonView } from '../person-view';

export interface PeoplePage {
  items: PersonView[];
  /** The cursor of the next page; null on the last. */
  next: string | null;
}

/** The people directory, by `sub`, a page at a time (administrators). */
export class ListPeople extends Query<PeoplePage> {
  constructor(
    readonly principal: Principal,
    readonly page: { limit: number; cursor?: string },
  ) {
    super();
  }
}
