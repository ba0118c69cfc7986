import { LogEntry } from '@muster/domain';
import { DecisionLogReader } from '../ports/readers';

const PAGE = 500;

/** Every stored entry of a cell's log up to `through`, oldest first, read a page at a time. */
export async function* allEntries(log: DecisionLogReader, cell: string, through: number): AsyncGenerator<LogEntry> {
  let after = 0;
  while (after < through) {
    const page = await log.page(cell, after, PAGE);
    for (const entry of page) {
      if (entry.sequence > through) return;
      yield entry;
    }
    const last = page.at(-1);
    if (last === undefined || page.length < PAGE) return;
    after = last.sequence;
  }
}
