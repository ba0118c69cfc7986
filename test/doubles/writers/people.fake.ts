import { type NamedShift, PeopleReader, PersonWriter, RotaWriter } from '@muster/application';
import type { Person, Rota, Shift } from '@muster/domain';
import { FakeTables, fakeWriterFor } from '../fake-store';

/** The people directory in memory; read as the people reader (rotas from the fake rotas, when given). */
export class FakePeople extends PeopleReader implements FakeTables<PersonWriter> {
  readonly people = new Map<string, Person>();
  rotas: FakeRotas | undefined;

  begin() {
    const draft = new Map(this.people);
    const writer = new (class extends PersonWriter {
      async lock(sub: string): Promise<Person | undefined> {
        return draft.get(sub);
      }
      async save(person: Person): Promise<void> {
        draft.set(person.sub, person);
      }
    })();
    const commit = () => {
      this.people.clear();
      for (const [sub, person] of draft) this.people.set(sub, person);
    };
    return { writer, commit };
  }

  snapshot(): unknown {
    return [...this.people];
  }

  async page(after: string | undefined, limit: number): Promise<Person[]> {
    return [...this.people.values()]
      .filter((p) => after === undefined || p.sub > after)
      .sort((a, b) => (a.sub < b.sub ? -1 : 1))
      .slice(0, limit);
  }

  async get(sub: string): Promise<Person | undefined> {
    return this.people.get(sub);
  }

  async known(subs: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set(subs.filter((sub) => this.people.has(sub)));
  }

  async shifts(scope: string, since: Date): Promise<NamedShift[]> {
    const shifts = this.rotas?.rotas.get(scope) ?? [];
    return shifts
      .filter((s) => s.to.getTime() > since.getTime())
      .map((s) => ({ ...s, name: this.people.get(s.sub)?.name ?? s.sub }));
  }
}

/** Rotas in memory, by scope. */
export class FakeRotas implements FakeTables<RotaWriter> {
  readonly rotas = new Map<string, Shift[]>();

  begin() {
    const draft = new Map(this.rotas);
    const writer = new (class extends RotaWriter {
      async lock(scope: string): Promise<Rota> {
        return { scope, shifts: [...(draft.get(scope) ?? [])] };
      }
      async replace(rota: Rota): Promise<void> {
        draft.set(rota.scope, [...rota.shifts]);
      }
    })();
    const commit = () => {
      this.rotas.clear();
      for (const [scope, shifts] of draft) this.rotas.set(scope, shifts);
    };
    return { writer, commit };
  }

  snapshot(): unknown {
    return [...this.rotas];
  }
}

export const fakePeople = fakeWriterFor(PersonWriter, () => new FakePeople());
export const fakeRotas = fakeWriterFor(RotaWriter, () => new FakeRotas());
