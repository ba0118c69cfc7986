import type { Cell } from '@muster/domain';
import { CellGovernance, CellWriter } from '@muster/application';
import { FakeStore, FakeTables, fakeWriterFor } from '../fake-store';

/** Cells' governance state, and the cells created, in memory. */
export class FakeCells implements FakeTables<CellWriter> {
  readonly governance = new Map<string, CellGovernance>();
  readonly inserted: Cell[] = [];

  /** Sets a cell's stored governance state, as if it had been seeded that way. */
  hold(cell: Cell, episodeOpen = false): this {
    this.governance.set(cell.slug, { cell, episodeOpen });
    return this;
  }

  governanceOf(slug: string): CellGovernance | undefined {
    return this.governance.get(slug);
  }

  begin(store: FakeStore) {
    const governance = new Map(this.governance);
    const inserted = [...this.inserted];
    const writer = new (class extends CellWriter {
      async insert(cell: Cell): Promise<void> {
        store.calls.push(`insert ${cell.slug}`);
        inserted.push(cell);
        governance.set(cell.slug, { cell, episodeOpen: false });
      }
      async lock(slug: string): Promise<CellGovernance | undefined> {
        store.calls.push(`lock ${slug}`);
        return governance.get(slug);
      }
      async update(changed: CellGovernance): Promise<void> {
        store.calls.push(`update ${changed.cell.slug}`);
        if (!governance.has(changed.cell.slug)) throw new Error(`no cell ${changed.cell.slug} to update`);
        governance.set(changed.cell.slug, changed);
      }
    })();
    const commit = () => {
      this.governance.clear();
      for (const [slug, held] of governance) this.governance.set(slug, held);
      this.inserted.splice(0, this.inserted.length, ...inserted);
    };
    return { writer, commit };
  }

  snapshot(): unknown {
    return { governance: [...this.governance], inserted: this.inserted };
  }
}

export const fakeCells = fakeWriterFor(CellWriter, () => new FakeCells());
