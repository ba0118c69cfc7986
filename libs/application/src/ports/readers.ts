import {
  Authority,
  Cell,
  ChainHead,
  DecisionRequest,
  DecisionRequestStatus,
  Escalation,
  EscalationStatus,
  Level,
  LogEntry,
  ReportedFigures,
  Sitrep,
} from '@muster/domain';

export abstract class ReferenceData {
  abstract authorities(): Promise<Authority[]>;
  abstract authorityCodes(): Promise<ReadonlySet<string>>;
  abstract cells(): Promise<Cell[]>;
  abstract cell(slug: string): Promise<Cell | undefined>;
  /** Whether the cell exists; cells are never deleted, so an implementation may remember a yes. */
  async cellExists(slug: string): Promise<boolean> {
    return (await this.cell(slug)) !== undefined;
  }
}

export abstract class DecisionLogReader {
  /** Entries with sequence > after, oldest first. */
  abstract page(cell: string, after: number, limit: number): Promise<LogEntry[]>;
  abstract byId(cell: string, id: string): Promise<LogEntry | undefined>;
  abstract amendmentsOf(cell: string, id: string): Promise<LogEntry[]>;
  abstract head(cell: string): Promise<ChainHead | undefined>;
}

export interface EscalationFilter {
  status?: EscalationStatus;
  authority?: string;
  cell?: string;
  level?: Level;
  limit: number;
}

export abstract class EscalationReader {
  abstract byId(id: string): Promise<Escalation | undefined>;
  /** Newest first. */
  abstract list(filter: EscalationFilter): Promise<Escalation[]>;
  /** Open escalations still waiting for an acknowledgement: each needs a timer. */
  abstract awaitingAcknowledgement(): Promise<Escalation[]>;
}

export abstract class DecisionRequestReader {
  abstract byId(cell: string, id: string): Promise<DecisionRequest | undefined>;
  /** Soonest due first. */
  abstract list(cell: string, status: DecisionRequestStatus | undefined, limit: number): Promise<DecisionRequest[]>;
  /** Open requests: each needs a deadline timer. */
  abstract open(): Promise<DecisionRequest[]>;
}

export abstract class SitrepReader {
  /** Every version of every report for the day, oldest version first. */
  abstract forDate(cell: string, date: string): Promise<Sitrep[]>;
  /** The latest version per authority and day of reports dated within [from, through]. */
  abstract window(cell: string, from: string, through: string): Promise<ReportedFigures[]>;
}
