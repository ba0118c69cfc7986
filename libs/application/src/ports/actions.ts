import type { ActionStatus, SensitiveReach, TrackedAction } from '@muster/domain';
import type { PageRequest } from './readers';
import type { Page } from '../shared/page-cursor';

export interface ActionFilter {
  owner?: string;
  cell?: string;
  status?: ActionStatus;
  /** The cells the reader may view; undefined for every cell. */
  viewable?: readonly string[];
}

/** Open, done and overdue actions of one cell (dropped ones are no longer anyone's work). */
export interface ActionCounts {
  cell: string;
  open: number;
  done: number;
  overdue: number;
}

export abstract class ActionReader {
  abstract byId(id: string): Promise<TrackedAction | undefined>;
  /** Oldest first (by createdAt, then id), only those within the reader's reach: filtered before limited. */
  abstract list(filter: ActionFilter, page: PageRequest, reach: SensitiveReach): Promise<Page<TrackedAction>>;
  abstract ofDecision(decisionId: string): Promise<TrackedAction[]>;
  /** Open actions with a due time: each needs an overdue timer. */
  abstract pending(): Promise<TrackedAction[]>;
  /** Per cell, counting only the actions within the reach. */
  abstract countsByCell(reach: SensitiveReach): Promise<ActionCounts[]>;
}
