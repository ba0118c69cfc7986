import { Marking } from '@muster/contracts';

/** An option weighed, and whether it was the one chosen (JESIP Joint Decision Model). */
export interface DecisionOption {
  option: string;
  chosen: boolean;
  notes?: string;
}

export interface DecisionAction {
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
