import type { Marking, Role } from '@muster/contracts';
import {
  Authority,
  Cell,
  DecisionRequest,
  DecisionRequestStatus,
  DomainEvent,
  Escalation,
  principal,
  Principal,
  SensitiveReach,
  Sitrep,
  withinReach,
} from '@muster/domain';
import { BoardItems, BoardMoment, BoardSource } from '../ports/board';
import { Clock } from '../ports/clock';
import { DecisionRequestReader, EscalationFilter, EscalationReader, PageRequest, ReferenceData, SitrepReader } from '../ports/readers';
import type { Page } from '../shared/page-cursor';
import { fakePage } from './fake-pages';
import { RegionSettings } from '../ports/region-settings';
import { CellGovernance, reportKey, RequestScope, Transaction, UnitOfWork } from '../ports/transaction';
import { journalInto } from './fakes';

/**
 * In-memory ports for the situation handlers' unit tests (sitreps, governance, the board). The SQL behind
 * the same ports is tested on PostgreSQL in the integration tier.
 */

export const LONDON = 'Europe/London';
export const BIRMINGHAM = 'E08000025';
export const COVENTRY = 'E08000026';
export const SANDWELL = 'E08000028';
export const WALSALL = 'E08000030';

export const AUTHORITIES: Authority[] = [
  { code: BIRMINGHAM, name: 'Birmingham', kind: 'metropolitan-borough', validFrom: '2009-01-01' },
  { code: COVENTRY, name: 'Coventry', kind: 'metropolitan-borough', validFrom: '2009-01-01' },
  { code: SANDWELL, name: 'Sandwell', kind: 'metropolitan-borough', validFrom: '2009-01-01' },
  { code: WALSALL, name: 'Walsall', kind: 'metropolitan-borough', validFrom: '2009-01-01' },
];

export const FFP3_CRITERION = 'FFP3 masks: under 3 days of supply in two or more authorities';

/** A PPE cell shaped like the seeded one, cut down to three figures: two carried, one not. */
export function ppeCell(overrides: Partial<Cell> = {}): Cell {
  return {
    slug: 'ppe',
    name: 'PPE',
    description: 'Regional sourcing and distribution of personal protective equipment.',
    status: 'standby',
    decisionTimescaleMinutes: 90,
    sitrepCutoff: '10:00',
    figures: [
      { key: 'ffp3_masks_days', label: 'FFP3 masks: days of supply', unit: 'days', carriesForward: true },
      { key: 'gloves_days', label: 'Gloves: days of supply', unit: 'days', carriesForward: true },
      { key: 'requests_outstanding', label: 'PPE requests outstanding', unit: 'requests', carriesForward: false },
    ],
    thresholds: [
      { figure: 'ffp3_masks_days', direction: 'lower-is-worse', red: 3, amber: 7 },
      { figure: 'gloves_days', direction: 'lower-is-worse', red: 3, amber: 7 },
      { figure: 'requests_outstanding', direction: 'higher-is-worse', red: 100, amber: 50 },
    ],
    activationCriteria: [
      { description: FFP3_CRITERION, figure: 'ffp3_masks_days', below: 3, minAuthorities: 2 },
      { description: 'Gloves: under 3 days of supply in two or more authorities', figure: 'gloves_days', below: 3, minAuthorities: 2 },
    ],
    ...overrides,
  };
}

/** A second cell with no criteria, so the board has more than one. */
export function foodCell(overrides: Partial<Cell> = {}): Cell {
  return {
    slug: 'food',
    name: 'Food hubs',
    description: '',
    status: 'standby',
    decisionTimescaleMinutes: 120,
    sitrepCutoff: '10:00',
    figures: [{ key: 'requests_outstanding', label: 'Requests outstanding', unit: 'requests', carriesForward: false }],
    thresholds: [{ figure: 'requests_outstanding', direction: 'higher-is-worse', red: 500, amber: 200 }],
    activationCriteria: [],
    ...overrides,
  };
}

export const person = (
  role: Role,
  fields: { sub?: string; authority?: string; cells?: string[]; clearance?: Marking } = {},
): Principal =>
  principal({
    sub: fields.sub ?? `${role}-1`,
    name: `A ${role}`,
    roles: [role],
    ...(fields.authority !== undefined && { authority: fields.authority }),
    ...(fields.cells !== undefined && { cells: fields.cells }),
    ...(fields.clearance !== undefined && { clearance: fields.clearance }),
  });

export const officerOf = (authority: string, clearance: Marking = 'OFFICIAL'): Principal =>
  person('authority-officer', { sub: `officer-${authority}`, authority, clearance });

export const regional = (clearance: Marking = 'OFFICIAL'): Principal => person('regional-coordinator', { clearance });

export class FixedClock extends Clock {
  constructor(public current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export const londonRegion: RegionSettings = { timeZone: LONDON };

export class SituationReference extends ReferenceData {
  constructor(
    public cellList: Cell[] = [ppeCell(), foodCell()],
    public authorityList: Authority[] = AUTHORITIES,
  ) {
    super();
  }
  async authorities(): Promise<Authority[]> {
    return this.authorityList.map((a) => ({ ...a }));
  }
  async authorityCodes(): Promise<ReadonlySet<string>> {
    return new Set(this.authorityList.map((a) => a.code));
  }
  async cells(): Promise<Cell[]> {
    return this.cellList.map((c) => ({ ...c }));
  }
  async cell(slug: string): Promise<Cell | undefined> {
    const cell = this.cellList.find((c) => c.slug === slug);
    return cell === undefined ? undefined : { ...cell };
  }
}

/** A port a test does not exercise: any use fails loudly. */
function notUsed<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: () => () => Promise.reject(new Error(`${name} is not part of the situation fakes`)),
  });
}

export type RecordedEvent = DomainEvent & { actor: string };

interface SituationState {
  sitreps: Sitrep[];
  governance: Map<string, CellGovernance>;
  insertedCells: Cell[];
  requests: Map<string, DecisionRequest>;
  events: RecordedEvent[];
}

const copyState = (s: SituationState): SituationState => ({
  sitreps: [...s.sitreps],
  governance: new Map(s.governance),
  insertedCells: [...s.insertedCells],
  requests: new Map(s.requests),
  events: [...s.events],
});

/** The latest version per authority and day of the reports dated within [from, through]. */
function latestInWindow(sitreps: readonly Sitrep[], cell: string, from: string, through: string): Sitrep[] {
  const latest = new Map<string, Sitrep>();
  for (const s of sitreps) {
    if (s.cell !== cell || s.date < from || s.date > through) continue;
    const key = `${s.authority}/${s.date}`;
    if ((latest.get(key)?.version ?? 0) < s.version) latest.set(key, s);
  }
  return [...latest.values()];
}

/**
 * Sitreps, cells' governance, decision requests and the journal in memory. A unit of work sees its own
 * writes (as a PostgreSQL transaction does) and its changes land only if its work resolves.
 */
export class SituationStore extends UnitOfWork {
  private state: SituationState = { sitreps: [], governance: new Map(), insertedCells: [], requests: new Map(), events: [] };
  /** Every call units of work made on the cells writer and to read a window of sitreps, in order, committed or not. */
  readonly calls: string[] = [];
  /** Makes storing a decision request fail, to show a unit of work is all or nothing. */
  failRequestInsert = false;

  get sitreps(): readonly Sitrep[] {
    return this.state.sitreps;
  }
  get events(): readonly RecordedEvent[] {
    return this.state.events;
  }
  get requests(): DecisionRequest[] {
    return [...this.state.requests.values()];
  }
  get insertedCells(): readonly Cell[] {
    return this.state.insertedCells;
  }
  governanceOf(slug: string): CellGovernance | undefined {
    return this.state.governance.get(slug);
  }

  /** Sets a cell's stored governance state, as if it had been seeded that way. */
  holdCell(cell: Cell, episodeOpen = false): this {
    this.state.governance.set(cell.slug, { cell, episodeOpen });
    return this;
  }

  /** Stores reports directly, as if submitted earlier. */
  holdSitreps(...sitreps: Sitrep[]): this {
    this.state.sitreps.push(...sitreps);
    return this;
  }

  requestScope(): RequestScope {
    return {};
  }

  async runBatch<T>(_scopes: readonly RequestScope[], work: (tx: Transaction) => Promise<T[]>): Promise<T[]> {
    return this.run(work);
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const draft = copyState(this.state);
    const calls = this.calls;
    const tx: Transaction = {
      decisions: notUsed('decisions'),
      escalations: notUsed('escalations'),
      feeds: notUsed('feeds'),
      retention: notUsed('retention'),
      sitreps: {
        latest: async (cell, reports) => {
          const wanted = new Set(reports.map((r) => reportKey(r.authority, r.date)));
          const latest = new Map<string, Sitrep>();
          for (const s of draft.sitreps) {
            const key = reportKey(s.authority, s.date);
            if (s.cell === cell && wanted.has(key) && s.version > (latest.get(key)?.version ?? 0)) latest.set(key, s);
          }
          return latest;
        },
        insert: async (sitreps) => void draft.sitreps.push(...sitreps),
        window: async (cell, from, through) => {
          calls.push(`window ${cell}`);
          return latestInWindow(draft.sitreps, cell, from, through);
        },
      },
      cells: {
        insert: async (cell) => {
          calls.push(`insert ${cell.slug}`);
          draft.insertedCells.push(cell);
          draft.governance.set(cell.slug, { cell, episodeOpen: false });
        },
        lock: async (slug) => {
          calls.push(`lock ${slug}`);
          return draft.governance.get(slug);
        },
        update: async (governance) => {
          calls.push(`update ${governance.cell.slug}`);
          if (!draft.governance.has(governance.cell.slug)) throw new Error(`no cell ${governance.cell.slug} to update`);
          draft.governance.set(governance.cell.slug, governance);
        },
      },
      decisionRequests: {
        insert: async (request) => {
          if (this.failRequestInsert) throw new Error('decision request store unavailable');
          draft.requests.set(request.id, request);
        },
        update: async () => Promise.reject(new Error('decision requests are not updated in these tests')),
        lock: async (id) => draft.requests.get(id),
      },
      journal: journalInto(draft.events),
    };
    const result = await work(tx);
    this.state = draft;
    return result;
  }

  /** What the store holds, to compare before and after a refused command. */
  snapshot(): unknown {
    return structuredClone({
      sitreps: this.state.sitreps,
      governance: [...this.state.governance],
      insertedCells: this.state.insertedCells,
      requests: [...this.state.requests],
      events: this.state.events,
    });
  }

  sitrepReader(): SitrepReader {
    const store = this;
    return new (class extends SitrepReader {
      async forDate(cell: string, date: string): Promise<Sitrep[]> {
        return store.sitreps
          .filter((s) => s.cell === cell && s.date === date)
          .sort((a, b) => a.authority.localeCompare(b.authority) || a.version - b.version);
      }
      async window(cell: string, from: string, through: string): Promise<Sitrep[]> {
        return latestInWindow(store.sitreps, cell, from, through);
      }
    })();
  }
}

export class FakeEscalationReader extends EscalationReader {
  readonly filters: EscalationFilter[] = [];
  constructor(public escalations: Escalation[] = []) {
    super();
  }
  async byId(id: string): Promise<Escalation | undefined> {
    return this.escalations.find((e) => e.id === id);
  }
  async list(filter: EscalationFilter, page: PageRequest, reach: SensitiveReach): Promise<Page<Escalation>> {
    this.filters.push(filter);
    const matching = this.escalations.filter(
      (e) =>
        (filter.status === undefined || e.status === filter.status) &&
        (filter.authority === undefined || e.authority === filter.authority) &&
        (filter.cell === undefined || e.cell === filter.cell) &&
        (filter.level === undefined || e.level === filter.level),
    );
    return fakePage(matching, (e) => e.raisedAt, 'desc', page, reach);
  }
  async awaitingAcknowledgement(): Promise<Escalation[]> {
    return this.escalations.filter((e) => e.status === 'open' && !e.overdue && e.ackDueAt !== null);
  }
}

export class FakeDecisionRequestReader extends DecisionRequestReader {
  constructor(public requests: DecisionRequest[] = []) {
    super();
  }
  async byId(cell: string, id: string): Promise<DecisionRequest | undefined> {
    return this.requests.find((r) => r.cell === cell && r.id === id);
  }
  async list(cell: string, status: DecisionRequestStatus | undefined, page: PageRequest, reach: SensitiveReach): Promise<Page<DecisionRequest>> {
    const matching = this.requests.filter((r) => r.cell === cell && (status === undefined || r.status === status));
    return fakePage(matching, (r) => r.dueAt, 'asc', page, reach);
  }
  async open(): Promise<DecisionRequest[]> {
    return this.requests.filter((r) => r.status === 'open');
  }
}

/** An escalation as stored, with overrides. */
export function escalation(overrides: Partial<Escalation> = {}): Escalation {
  return {
    id: 'esc-1',
    authority: SANDWELL,
    cell: 'ppe',
    title: 'FFP3 stock critical',
    detail: 'Under two days of FFP3 masks',
    severity: 'high',
    marking: 'OFFICIAL',
    raisedBy: { sub: 'officer', name: 'An officer' },
    raisedAt: '2026-11-20T08:00:00.000Z',
    level: 'cell',
    status: 'open',
    ackDueAt: '2026-11-20T09:00:00.000Z',
    overdue: false,
    version: 1,
    history: [],
    ...overrides,
  };
}

/** A decision request as stored, with overrides. */
export function decisionRequest(overrides: Partial<DecisionRequest> = {}): DecisionRequest {
  return {
    id: 'dr-1',
    cell: 'ppe',
    question: 'Release the FFP3 reserve?',
    dueAt: '2026-11-20T12:00:00.000Z',
    marking: 'OFFICIAL',
    status: 'open',
    requestedBy: { sub: 'member', name: 'A member' },
    requestedAt: '2026-11-20T08:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export const emptyBoard = (): BoardItems => ({ cells: new Map(), sitreps: [], escalations: [], requests: [] });

/** Serves fixed items and a fixed reach; records what it was asked for. */
export class RecordingBoard extends BoardSource {
  readonly positionCalls: Array<number | undefined> = [];
  readonly reaches: SensitiveReach[] = [];
  readonly itemCalls: Array<number | undefined> = [];
  readonly cellCalls: Array<string | undefined> = [];
  moments: BoardMoment[] = [];
  readonly momentCalls: Array<{ reach: SensitiveReach; limit: number; cell: string | undefined }> = [];
  constructor(
    public items_: BoardItems = emptyBoard(),
    public reached: { seq: number; at: string | undefined } = { seq: 0, at: undefined },
    /** The time of the event at each position, for `position(at)`. */
    public times: ReadonlyMap<number, string> = new Map(),
  ) {
    super();
  }
  async position(at: number | undefined, reach: SensitiveReach): Promise<{ seq: number; at: string | undefined }> {
    this.positionCalls.push(at);
    this.reaches.push(reach);
    if (at === undefined) return this.reached;
    const seq = Math.min(at, this.reached.seq);
    return { seq, at: this.times.get(seq) };
  }
  async items(at?: number, cell?: string): Promise<BoardItems> {
    this.itemCalls.push(at);
    this.cellCalls.push(cell);
    if (cell === undefined) return this.items_;
    const inCell = <T extends { cell?: string }>(items: T[]) => items.filter((item) => item.cell === cell);
    return {
      cells: new Map([...this.items_.cells].filter(([slug]) => slug === cell)),
      sitreps: inCell(this.items_.sitreps),
      escalations: inCell(this.items_.escalations),
      requests: inCell(this.items_.requests),
    };
  }
  async decisionMoments(reach: SensitiveReach, limit: number, cell?: string): Promise<BoardMoment[]> {
    this.momentCalls.push({ reach, limit, cell });
    return this.moments.filter((m) => withinReach(reach, { ...m, authorities: [] }) && (cell === undefined || m.cell === cell)).slice(0, limit);
  }
}
