import { Authority, Cell, ChainHead, LogEntry } from '@muster/domain';

export abstract class ReferenceData {
  abstract authorities(): Promise<Authority[]>;
  abstract authorityCodes(): Promise<ReadonlySet<string>>;
  abstract cells(): Promise<Cell[]>;
  abstract cell(slug: string): Promise<Cell | undefined>;
}

export abstract class DecisionLogReader {
  /** Entries with sequence > after, oldest first. */
  abstract page(cell: string, after: number, limit: number): Promise<LogEntry[]>;
  abstract byId(cell: string, id: string): Promise<LogEntry | undefined>;
  abstract amendmentsOf(cell: string, id: string): Promise<LogEntry[]>;
  abstract head(cell: string): Promise<ChainHead | undefined>;
}
