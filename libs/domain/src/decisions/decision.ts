import { Marking } from '@muster/contracts';

/** An option weighed, and whether it was the one chosen (JESIP Joint Decision Model). */
export interface DecisionOption {
  option: string;
  chosen: boolean;
  notes?: string;
}

/**
 * Who does what by when. `owner` is a person's `sub` or, for someone outside Muster, a name. `id` is the
 * tracked action's identity (see actions/action.ts): decisions logged before actions were tracked carry none,
 * and their actions are known by their place in the list.
 */
export interface DecisionAction {
  id?: string;
  action: string;
  owner: string;
  due?: string;
}

/** What a decision maker records; every field is evidence. Times are ISO 8601 UTC. */
export interface DecisionRecord {
  title: string;
  decision: string;
  rationale: string;
  informationAvailable: string;
  risks?: string;
  powersAndPolicy?: string;
  options: DecisionOption[];
  decidedBy: string;
  decidedAt: string;
  delayReason?: string;
  actions: DecisionAction[];
  reviewBy?: string;
  /** The decision request this decision answered, when it answered one. */
  decisionRequestId?: string;
  /**
   * The journal position of the common picture when the decision was recorded: `GET /board?at=` with it
   * shows what the decision makers could see ("what did they know at 10:40?").
   */
  journalPosition?: number;
}

export interface Amendment {
  reason: string;
  changes: Partial<DecisionRecord> & { authorities?: string[] };
  /** When `changes.actions` is given: what it adds, changes and drops, by action identity. */
  actionsDiff?: ActionsDiff;
}

/** An action as a diff names it. */
export interface IdentifiedAction {
  id: string;
  action: string;
  owner: string;
  due?: string;
}

/** What an amended list of actions does to the list it replaces: nothing disappears without being named. */
export interface ActionsDiff {
  added: IdentifiedAction[];
  changed: Array<{ id: string; before: IdentifiedAction; after: IdentifiedAction }>;
  dropped: IdentifiedAction[];
}

export type EntryBody =
  { kind: 'decision'; record: DecisionRecord } | { kind: 'amendment'; amends: string; amendment: Amendment };

/** Who recorded an entry: the token's subject and name at the time. */
export interface Recorder {
  sub: string;
  name: string;
}

/** Everything an entry's hash covers. */
export interface EntryContent {
  id: string;
  cell: string;
  sequence: number;
  marking: Marking;
  authorities: string[];
  recordedAt: string;
  recordedBy: Recorder;
  body: EntryBody;
}

/** A stored link of a cell's decision log. */
export interface LogEntry extends EntryContent {
  hash: string;
  prevHash: string;
}

export interface ChainHead {
  sequence: number;
  hash: string;
}
