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
  SensitiveReach,
  Sitrep,
} from '@muster/domain';
import type { ListPosition, Page } from '../shared/page-cursor';

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
  /** The same, only those within the reader's reach: filtered before limited, so hidden entries take no room. */
  abstract visiblePage(cell: string, after: number, limit: number, reach: SensitiveReach): Promise<LogEntry[]>;
  abstract byId(cell: string, id: string): Promise<LogEntry | undefined>;
  abstract amendmentsOf(cell: string, id: string): Promise<LogEntry[]>;
  /** The amendments of any of these decisions, oldest first: a page's in one read. */
  abstract amendmentsOfEach(cell: string, ids: readonly string[]): Promise<LogEntry[]>;
  abstract head(cell: string): Promise<ChainHead | undefined>;
}

export interface EscalationFilter {
  status?: EscalationStatus;
  authority?: string;
  cell?: string;
  level?: Level;
}

/** One page of a list: at most `limit` items, after `after`. */
export interface PageRequest {
  limit: number;
  after?: ListPosition;
}

export abstract class EscalationReader {
  abstract byId(id: string): Promise<Escalation | undefined>;
  /** Newest first (by raisedAt, then id), only those within the reader's reach: filtered before limited. */
  abstract list(filter: EscalationFilter, page: PageRequest, reach: SensitiveReach): Promise<Page<Escalation>>;
  /** Open escalations still waiting for an acknowledgement: each needs a timer. */
  abstract awaitingAcknowledgement(): Promise<Escalation[]>;
  /** Open or acknowledged escalations with a promised update not yet re-alerted for: each needs a re-alert timer. */
  abstract awaitingUpdate(): Promise<Escalation[]>;
}

export abstract class DecisionRequestReader {
  abstract byId(cell: string, id: string): Promise<DecisionRequest | undefined>;
  /** Soonest due first (by dueAt, then id), only those within the reader's reach: filtered before limited. */
  abstract list(
    cell: string,
    status: DecisionRequestStatus | undefined,
    page: PageRequest,
    reach: SensitiveReach,
  ): Promise<Page<DecisionRequest>>;
  /** Open requests: each needs a deadline timer. */
  abstract open(): Promise<DecisionRequest[]>;
}

export abstract class SitrepReader {
  /** Every version of every report for the day, oldest version first. */
  abstract forDate(cell: string, date: string): Promise<Sitrep[]>;
  /** The latest version per authority and day of reports dated within [from, through]. */
  abstract window(cell: string, from: string, through: string): Promise<ReportedFigures[]>;
}
