import type { Person, Shift } from '@muster/domain';

/** A shift with its holder's name, as a rota is shown. */
export interface NamedShift extends Shift {
  name: string;
}

/** The people directory and the rotas, as read. */
export abstract class PeopleReader {
  /** People by `sub` order, after `after`. */
  abstract page(after: string | undefined, limit: number): Promise<Person[]>;
  abstract get(sub: string): Promise<Person | undefined>;
  /** Which of these are in the directory. */
  abstract known(subs: readonly string[]): Promise<ReadonlySet<string>>;
  /** A scope's shifts ending after `since`, oldest first. */
  abstract shifts(scope: string, since: Date): Promise<NamedShift[]>;
}
