import type { Person } from './people';

/** Typed-in people kept at most; the oldest is forgotten first (its next token refresh then fails). */
const MAX_TYPED_IN = 10_000;

/**
 * Who can be signed in: the demo people, and everyone typed into the form since this process started
 * (in memory, like the provider's sessions). Signing in again under the same name replaces the
 * person's role, authority, cells and clearance with the ones just typed.
 */
export class AccountDirectory {
  private readonly demo: ReadonlyMap<string, Person>;
  private readonly typedIn = new Map<string, Person>();

  constructor(demoPeople: readonly Person[]) {
    this.demo = new Map(demoPeople.map((person) => [person.sub, person]));
  }

  demoPerson(sub: string): Person | undefined {
    return this.demo.get(sub);
  }

  remember(person: Person): void {
    if (this.demo.has(person.sub)) throw new Error(`${person.sub} is a demo person`);
    this.typedIn.delete(person.sub);
    this.typedIn.set(person.sub, person);
    if (this.typedIn.size > MAX_TYPED_IN) {
      const oldest = this.typedIn.keys().next();
      if (oldest.done !== true) this.typedIn.delete(oldest.value);
    }
  }

  find(sub: string): Person | undefined {
    return this.demo.get(sub) ?? this.typedIn.get(sub);
  }
}
