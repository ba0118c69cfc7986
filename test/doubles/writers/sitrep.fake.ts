import type { Sitrep } from '@muster/domain';
import { reportKey, SitrepReader, SitrepWriter } from '@muster/application';
import { FakeStore, FakeTables, fakeWriterFor } from '../fake-store';

/** The latest version per authority and day of the reports dated within [from, through]. */
export function latestInWindow(sitreps: readonly Sitrep[], cell: string, from: string, through: string): Sitrep[] {
  const latest = new Map<string, Sitrep>();
  for (const s of sitreps) {
    if (s.cell !== cell || s.date < from || s.date > through) continue;
    const key = `${s.authority}/${s.date}`;
    if ((latest.get(key)?.version ?? 0) < s.version) latest.set(key, s);
  }
  return [...latest.values()];
}

/** Every version of every report submitted, in memory. */
export class FakeSitrepTables implements FakeTables<SitrepWriter> {
  readonly sitreps: Sitrep[] = [];

  /** Stores reports directly, as if submitted earlier. */
  hold(...sitreps: Sitrep[]): this {
    this.sitreps.push(...sitreps);
    return this;
  }

  begin(store: FakeStore) {
    const draft = [...this.sitreps];
    const writer = new (class extends SitrepWriter {
      async latest(
        cell: string,
        reports: ReadonlyArray<{ authority: string; date: string }>,
      ): Promise<ReadonlyMap<string, Sitrep>> {
        const wanted = new Set(reports.map((r) => reportKey(r.authority, r.date)));
        const latest = new Map<string, Sitrep>();
        for (const s of draft) {
          const key = reportKey(s.authority, s.date);
          if (s.cell === cell && wanted.has(key) && s.version > (latest.get(key)?.version ?? 0)) latest.set(key, s);
        }
        return latest;
      }
      async insert(sitreps: readonly Sitrep[]): Promise<void> {
        draft.push(...sitreps);
      }
      async window(cell: string, from: string, through: string): Promise<Sitrep[]> {
        store.calls.push(`window ${cell}`);
        return latestInWindow(draft, cell, from, through);
      }
    })();
    return { writer, commit: () => void this.sitreps.splice(0, this.sitreps.length, ...draft) };
  }

  reader(): SitrepReader {
    const sitreps = this.sitreps;
    return new (class extends SitrepReader {
      async forDate(cell: string, date: string): Promise<Sitrep[]> {
        return sitreps
          .filter((s) => s.cell === cell && s.date === date)
          .sort((a, b) => a.authority.localeCompare(b.authority) || a.version - b.version);
      }
      async window(cell: string, from: string, through: string): Promise<Sitrep[]> {
        return latestInWindow(sitreps, cell, from, through);
      }
    })();
  }

  snapshot(): unknown {
    return this.sitreps;
  }
}

export const fakeSitreps = fakeWriterFor(SitrepWriter, () => new FakeSitrepTables());
