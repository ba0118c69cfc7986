import type { Person } from '@muster/domain';

/** The people directory inside a write transaction (`tx.get(PersonWriter)`). */
export abstract class PersonWriter {
  /** The person by `sub`, locked until commit (a sign-in and a change at once apply one after the other). */
  abstract lock(sub: string): Promise<Person | undefined>;
  /** Inserts or replaces the person. */
  abstract save(person: Person): Promise<void>;
}
