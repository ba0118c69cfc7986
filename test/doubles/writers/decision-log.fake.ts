import { ChainHead, LogEntry, SensitiveReach, withinReach } from '@muster/domain';
import { DecisionLogReader, DecisionLogWriter } from '@muster/application';
import { FakeTables, fakeWriterFor } from '../fake-store';

const headIn = (entries: readonly LogEntry[], cell: string): ChainHead | undefined => {
  const last = entries.filter((e) => e.cell === cell).at(-1);
  return last && { sequence: last.sequence, hash: last.hash };
};

/** Every cell's decision log in memory, in append order. */
export class FakeDecisionLog implements FakeTables<DecisionLogWriter> {
  readonly entries: LogEntry[] = [];
  /** What lockHead reports as the journal position reached. */
  journalPosition = 0;

  begin() {
    const draft = [...this.entries];
    const { journalPosition } = this;
    const writer = new (class extends DecisionLogWriter {
      async lockHead(cell: string) {
        return { head: headIn(draft, cell), journalPosition };
      }
      async append(appended: readonly LogEntry[]): Promise<void> {
        draft.push(...appended);
      }
    })();
    return { writer, commit: () => void this.entries.splice(0, this.entries.length, ...draft) };
  }

  headOf(cell: string): ChainHead | undefined {
    return headIn(this.entries, cell);
  }

  reader(): DecisionLogReader {
    const log = { entries: this.entries, headOf: (cell: string) => this.headOf(cell) };
    return new (class extends DecisionLogReader {
      async page(cell: string, after: number, limit: number) {
        return log.entries.filter((e) => e.cell === cell && e.sequence > after).slice(0, limit);
      }
      async visiblePage(cell: string, after: number, limit: number, reach: SensitiveReach) {
        return log.entries
          .filter((e) => e.cell === cell && e.sequence > after && withinReach(reach, e))
          .slice(0, limit);
      }
      async byId(cell: string, id: string) {
        return log.entries.find((e) => e.cell === cell && e.id === id);
      }
      async amendmentsOf(cell: string, id: string) {
        return log.entries.filter((e) => e.cell === cell && e.body.kind === 'amendment' && e.body.amends === id);
      }
      async amendmentsOfEach(cell: string, ids: readonly string[]) {
        return log.entries.filter((e) => e.cell === cell && e.body.kind === 'amendment' && ids.includes(e.body.amends));
      }
      async head(cell: string) {
        return log.headOf(cell);
      }
    })();
  }

  snapshot(): unknown {
    return { entries: this.entries };
  }
}

export const fakeDecisionLog = fakeWriterFor(DecisionLogWriter, () => new FakeDecisionLog());
