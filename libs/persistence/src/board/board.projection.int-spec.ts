import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  type BoardItems,
  type BoardSitrepItem,
  CellWriter,
  DecisionLogWriter,
  DecisionRequestWriter,
  EscalationWriter,
  reportKey,
  SitrepWriter,
  type Transaction,
} from '@muster/application';
import type { Marking } from '@muster/contracts';
import {
  acknowledgeEscalation,
  activateCell,
  Cell,
  type Decided,
  decideDecisionRequest,
  DecisionRequest,
  effectiveFigures,
  Escalation,
  logDecision as logDecisionRule,
  type LogEntry,
  openDecisionRequest,
  principal,
  raiseEscalation,
  Rag,
  sensitiveReach,
  resolveEscalation,
  Sitrep,
  standDownCell,
  submitSitrep,
  WHOLE_REACH,
} from '@muster/domain';
import {
  BoardProjection,
  BoardReader,
  createDataSource,
  ReferenceRepository,
  RelayStore,
  SitrepRepository,
  TypeOrmUnitOfWork,
} from '@muster/persistence';
import type { JournalRecord } from '@muster/contracts';
import { createTestDatabase, type TestDatabase } from '@muster/testing';
import {
  AUTHORITY_CODES,
  BIRMINGHAM,
  decisionInput,
  LONDON,
  openInput,
  person,
  raiseInput,
  SANDWELL,
  SLA,
  WALSALL,
} from '@muster/builders';

/**
 * The board projection on the real PostgreSQL, fed exactly as the relay feeds it: commands' units of work
 * append to the journal, the relay store gives the rows their positions, and the projection applies what
 * the relay has not yet published. Read back through the BoardReader, now and as it stood at a position.
 */

// The integration project's `testTimeout` in jest.config.js does not reach the tests (Jest reads it only at
// the top level), so the file sets its own.
jest.setTimeout(30_000);

const AUTHORITIES = new Set(AUTHORITY_CODES);
// Domain time for the commands: 11:00 in London on 20 November, so the 18th to the 20th are reportable.
const NOW = new Date('2026-11-20T11:00:00.000Z');
const D18 = '2026-11-18';
const D19 = '2026-11-19';
const D20 = '2026-11-20';

const regional = person('regional-coordinator', {
  sub: 'regional-1',
  name: 'Regional coordinator',
  clearance: 'OFFICIAL-SENSITIVE',
});
const ppeLead = person('cell-lead', {
  sub: 'lead-1',
  name: 'PPE lead',
  cells: ['ppe'],
  clearance: 'OFFICIAL-SENSITIVE',
});

describe('board projection (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let uow: TypeOrmUnitOfWork;
  let relayStore: RelayStore;
  let projection: BoardProjection;
  let board: BoardReader;
  let reference: ReferenceRepository;
  let sitreps: SitrepRepository;

  // A database per test: positions then start at 1 and nothing leaks between tests.
  beforeEach(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 4, applicationName: 'muster-board-test' });
    await dataSource.initialize();
    uow = new TypeOrmUnitOfWork(dataSource);
    relayStore = new RelayStore(dataSource);
    projection = new BoardProjection(dataSource);
    board = new BoardReader(dataSource);
    reference = new ReferenceRepository(dataSource);
    sitreps = new SitrepRepository(dataSource);
  });

  afterEach(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  // -------------------------------------------------------------------------------------------------
  // What the relay and the command handlers do
  // -------------------------------------------------------------------------------------------------

  /** What the relay does each round: sequence what committed, hand it over, mark it. */
  async function relay(): Promise<JournalRecord[]> {
    const records = await relayStore.sequenceNext(1_000);
    const last = records.at(-1);
    if (last !== undefined) await relayStore.markPublished(last.seq);
    return records;
  }

  /** Relays and projects everything committed so far; returns the records and the position reached. */
  async function project(): Promise<{ records: JournalRecord[]; seq: number }> {
    const records = await relay();
    await projection.apply(records);
    return { records, seq: await checkpoint() };
  }

  async function checkpoint(): Promise<number> {
    const rows: Array<{ seq: string }> = await dataSource.query(
      `SELECT seq FROM projection_checkpoint WHERE name = 'board'`,
    );
    return Number(rows[0]?.seq);
  }

  async function cell(slug: string): Promise<Cell> {
    const found = await reference.cell(slug);
    if (found === undefined) throw new Error(`cell ${slug} is not seeded`);
    return found;
  }

  async function latest(tx: Transaction, slug: string, authority: string, date: string): Promise<Sitrep | undefined> {
    await tx.get(CellWriter).lock(slug);
    return (await tx.get(SitrepWriter).latest(slug, [{ authority, date }])).get(reportKey(authority, date));
  }

  /** What SubmitSitrepHandler does in its unit of work (the criteria review is unit-tested there). */
  async function submit(
    authority: string,
    date: string,
    figures: Record<string, number>,
    rag?: Rag,
    slug = 'ppe',
  ): Promise<Sitrep> {
    const target = await cell(slug);
    return uow.run(async (tx) => {
      const { state: sitrep, events } = submitSitrep(
        { by: regional, at: NOW, timeZone: LONDON, authority, date, figures, ...(rag !== undefined && { rag }) },
        { cell: target, previous: await latest(tx, slug, authority, date) },
      );
      if (events.length === 0) return sitrep;
      await tx.get(SitrepWriter).insert([sitrep]);
      await tx.journal.append(events, regional.sub);
      return sitrep;
    });
  }

  async function raise(title: string, marking: Marking = 'OFFICIAL', authority = SANDWELL): Promise<Escalation> {
    const { state: escalation, events } = raiseEscalation({
      ...raiseInput({ authority, title, detail: 'Detail', marking }),
      by: regional,
      at: NOW,
      sla: SLA,
      id: randomUUID(),
    });
    await uow.run(async (tx) => {
      await tx.get(EscalationWriter).insert(escalation);
      await tx.journal.append(events, regional.sub);
    });
    return escalation;
  }

  async function changeEscalation(id: string, change: (e: Escalation) => Decided<Escalation>): Promise<void> {
    await uow.run(async (tx) => {
      const current = await tx.get(EscalationWriter).lock(id);
      if (current === undefined) throw new Error(`no escalation ${id}`);
      const { state: escalation, events } = change(current);
      await tx.get(EscalationWriter).update(escalation, current.version);
      await tx.journal.append(events, regional.sub);
    });
  }

  async function ask(question: string, marking: Marking = 'OFFICIAL'): Promise<DecisionRequest> {
    const { state: request, events } = openDecisionRequest(
      { ...openInput({ cell: 'ppe', question, dueInMinutes: 60, marking }), by: regional, at: NOW, id: randomUUID() },
      { knownAuthorities: AUTHORITIES },
    );
    await uow.run(async (tx) => {
      await tx.get(DecisionRequestWriter).insert(request);
      await tx.journal.append(events, regional.sub);
    });
    return request;
  }

  /** What DecideDecisionRequestHandler does: log the decision, then close the request with it. */
  async function decide(request: DecisionRequest): Promise<void> {
    await uow.run(async (tx: Transaction) => {
      const entry = await appendDecision(tx, 'Stand up PPE governance', { decisionRequestId: request.id });
      const current = await tx.get(DecisionRequestWriter).lock(request.id);
      if (current === undefined) throw new Error(`no request ${request.id}`);
      const { state: decided, events } = decideDecisionRequest({ by: regional, at: NOW, answer: entry }, current);
      await tx.get(DecisionRequestWriter).update(decided, current.version);
      await tx.journal.append(events, regional.sub);
    });
  }

  /** What the log appender does in a unit of work: the rule decides the entry onto the locked head. */
  async function appendDecision(
    tx: Transaction,
    title: string,
    {
      decisionRequestId,
      marking = 'OFFICIAL',
      slug = 'ppe',
    }: { decisionRequestId?: string; marking?: Marking; slug?: string } = {},
  ): Promise<LogEntry> {
    const { head, journalPosition } = await tx.get(DecisionLogWriter).lockHead(slug);
    const { state: entry, events } = logDecisionRule(
      {
        by: regional,
        at: NOW,
        id: randomUUID(),
        cell: slug,
        input: decisionInput({ title, decidedAt: NOW.toISOString(), marking }),
        ...(decisionRequestId !== undefined && { decisionRequestId }),
      },
      { head, journalPosition, knownAuthorities: AUTHORITIES },
    );
    await tx.get(DecisionLogWriter).append([entry]);
    await tx.journal.append(events, regional.sub);
    return entry;
  }

  /** A decision logged with nothing else: an event the board does not show. */
  async function logDecision(title: string, marking: Marking = 'OFFICIAL', slug = 'ppe'): Promise<void> {
    await uow.run((tx) => appendDecision(tx, title, { marking, slug }));
  }

  async function governance(change: 'activate' | 'stand-down'): Promise<void> {
    await uow.run(async (tx) => {
      const held = await tx.get(CellWriter).lock('ppe');
      if (held === undefined) throw new Error('no ppe cell');
      const { state: changed, events } =
        change === 'activate'
          ? activateCell({ by: regional, at: NOW, reason: 'Criteria met' }, held.cell)
          : standDownCell({ by: regional, at: NOW, reason: 'Recovered', open: [], assignments: [] }, held.cell);
      await tx.get(CellWriter).update({ cell: changed, episodeOpen: held.episodeOpen });
      await tx.journal.append(events, regional.sub);
    });
  }

  function sitrepOf(items: BoardItems, authority: string, slug = 'ppe'): BoardSitrepItem | undefined {
    return items.sitreps.find((s) => s.cell === slug && s.authority === authority);
  }

  async function boardRows(): Promise<unknown[]> {
    return dataSource.query(
      `SELECT kind, key, seq_from, seq_to, cell, data FROM board_item ORDER BY kind, key, seq_from`,
    );
  }

  // -------------------------------------------------------------------------------------------------

  it('starts empty, at position 0', async () => {
    expect(await board.position(undefined, WHOLE_REACH)).toEqual({ seq: 0, at: undefined });
    expect(await board.items()).toEqual({ cells: new Map(), sitreps: [], escalations: [], requests: [], actions: [] });
  });

  it('projects sitreps, escalations, decision requests and governance onto the current board', async () => {
    await submit(SANDWELL, D20, { ffp3_masks_days: 2.5, gloves_days: 6, requests_outstanding: 40 }, 'amber');
    await submit(BIRMINGHAM, D20, { requests_outstanding: 80 }, undefined, 'food');
    const escalation = await raise('FFP3 stock critical');
    const request = await ask('Release the FFP3 reserve?');
    await governance('activate');
    const { records, seq } = await project();

    expect(records.map((r) => r.type)).toEqual([
      'sitrep.submitted',
      'sitrep.submitted',
      'escalation.raised',
      'decision-request.opened',
      'cell.activated',
    ]);
    expect(seq).toBe(5);

    const items = await board.items();
    expect(items.cells).toEqual(new Map([['ppe', { status: 'active' }]]));
    expect(sitrepOf(items, SANDWELL)).toEqual({
      cell: 'ppe',
      authority: SANDWELL,
      date: D20,
      version: 1,
      figures: { ffp3_masks_days: 2.5, gloves_days: 6, requests_outstanding: 40 },
      carried: [],
      base: {},
      rag: 'amber',
    });
    expect(sitrepOf(items, BIRMINGHAM, 'food')).toMatchObject({ date: D20, figures: { requests_outstanding: 80 } });
    expect(items.sitreps).toHaveLength(2);
    expect(items.escalations).toEqual([
      expect.objectContaining({
        id: escalation.id,
        title: 'FFP3 stock critical',
        severity: 'high',
        level: 'cell',
        status: 'open',
        overdue: false,
        ackDueAt: escalation.ackDueAt,
        cell: 'ppe',
        authority: SANDWELL,
        marking: 'OFFICIAL',
      }),
    ]);
    expect(items.requests).toEqual([
      expect.objectContaining({
        id: request.id,
        question: 'Release the FFP3 reserve?',
        dueAt: request.dueAt,
        status: 'open',
        cell: 'ppe',
        marking: 'OFFICIAL',
      }),
    ]);

    const last = records.at(-1);
    expect(await board.position(undefined, WHOLE_REACH)).toEqual({ seq: 5, at: last?.at });
  });

  it('keeps the picture as it stood: after a resubmission, the earlier position shows the first version', async () => {
    await submit(SANDWELL, D20, { ffp3_masks_days: 5 }, 'green');
    const { seq: before } = await project();
    await submit(SANDWELL, D20, { ffp3_masks_days: 2 }, 'red');
    const { seq: after } = await project();

    expect(after).toBeGreaterThan(before);
    expect(sitrepOf(await board.items(), SANDWELL)).toMatchObject({
      version: 2,
      figures: { ffp3_masks_days: 2 },
      rag: 'red',
    });
    expect(sitrepOf(await board.items(before), SANDWELL)).toMatchObject({
      version: 1,
      figures: { ffp3_masks_days: 5 },
      rag: 'green',
    });
    expect(sitrepOf(await board.items(after), SANDWELL)).toMatchObject({ version: 2 });
    // Before anything was projected there was nothing to see.
    expect((await board.items(0)).sitreps).toEqual([]);
    // One version of the item at every position: never two rows for one key.
    expect((await board.items(before)).sitreps).toHaveLength(1);
    expect((await board.items(after)).sitreps).toHaveLength(1);
  });

  it('takes a resolved escalation and a decided request off the current board, but not off the earlier picture', async () => {
    const escalation = await raise('Gloves running out');
    const request = await ask('Buy gloves at spot prices?');
    const { seq: raised } = await project();
    await changeEscalation(escalation.id, (e) => acknowledgeEscalation({ by: ppeLead, at: NOW, note: 'On it' }, e));
    const { seq: acknowledged } = await project();

    expect((await board.items()).escalations).toEqual([
      expect.objectContaining({ id: escalation.id, status: 'acknowledged', ackDueAt: null }),
    ]);
    expect((await board.items(raised)).escalations).toEqual([
      expect.objectContaining({ id: escalation.id, status: 'open' }),
    ]);

    await changeEscalation(escalation.id, (e) =>
      resolveEscalation({ by: regional, at: NOW, resolution: 'Mutual aid from Walsall' }, e),
    );
    await decide(request);
    const { records, seq: settled } = await project();
    expect(records.map((r) => r.type)).toEqual(['escalation.resolved', 'decision.logged', 'decision-request.decided']);

    const now = await board.items();
    expect(now.escalations).toEqual([]);
    expect(now.requests).toEqual([]);
    expect((await board.items(settled)).escalations).toEqual([]);
    expect((await board.items(acknowledged)).escalations).toEqual([
      expect.objectContaining({ id: escalation.id, status: 'acknowledged' }),
    ]);
    expect((await board.items(acknowledged)).requests).toEqual([
      expect.objectContaining({ id: request.id, status: 'open' }),
    ]);
    expect((await board.items(raised)).requests.map((r) => r.id)).toEqual([request.id]);
  });

  it('keeps sensitive items with their marking, for the board query to filter by need to know', async () => {
    const sensitive = await raise('Named resident at risk', 'OFFICIAL-SENSITIVE', WALSALL);
    const question = await ask('Disclose to the police?', 'OFFICIAL-SENSITIVE');
    await project();
    const items = await board.items();
    expect(items.escalations).toEqual([
      expect.objectContaining({ id: sensitive.id, marking: 'OFFICIAL-SENSITIVE', authority: WALSALL }),
    ]);
    expect(items.requests).toEqual([expect.objectContaining({ id: question.id, marking: 'OFFICIAL-SENSITIVE' })]);
  });

  it('recomputes a same-day resubmission from the day’s base, and carries only carried-forward figures into a new day', async () => {
    const ppe = await cell('ppe');
    await submit(SANDWELL, D18, { ffp3_masks_days: 5, gloves_days: 6, requests_outstanding: 30 });
    await project();
    expect(sitrepOf(await board.items(), SANDWELL)).toMatchObject({
      date: D18,
      figures: { ffp3_masks_days: 5, gloves_days: 6, requests_outstanding: 30 },
      carried: [],
      base: {},
    });

    // A new day: the days of supply carry forward, the requests outstanding (not carried) do not.
    await submit(SANDWELL, D19, { ffp3_masks_days: 4 });
    await project();
    expect(sitrepOf(await board.items(), SANDWELL)).toEqual({
      cell: 'ppe',
      authority: SANDWELL,
      date: D19,
      version: 1,
      figures: { ffp3_masks_days: 4, gloves_days: 6 },
      carried: ['gloves_days'],
      base: { ffp3_masks_days: 5, gloves_days: 6, requests_outstanding: 30 },
    });

    // A resubmission replaces the day's first version: recomputed from the 18th, not layered on version 1.
    await submit(SANDWELL, D19, { gloves_days: 9, requests_outstanding: 12 });
    await project();
    const resubmitted = sitrepOf(await board.items(), SANDWELL);
    expect(resubmitted).toEqual({
      cell: 'ppe',
      authority: SANDWELL,
      date: D19,
      version: 2,
      figures: { ffp3_masks_days: 5, gloves_days: 9, requests_outstanding: 12 },
      carried: ['ffp3_masks_days'],
      base: { ffp3_masks_days: 5, gloves_days: 6, requests_outstanding: 30 },
    });

    // The projection, step by step, agrees with the effective figures computed from the stored history.
    const expected = effectiveFigures(ppe, await sitreps.window('ppe', D18, D19), D19);
    expect(resubmitted?.figures).toEqual(expected.figures);
    expect(resubmitted?.carried).toEqual(expected.carried);
  });

  it('leaves the current item alone when an earlier day is corrected', async () => {
    await submit(SANDWELL, D19, { ffp3_masks_days: 6 });
    await submit(SANDWELL, D20, { gloves_days: 8 });
    await project();
    const current = sitrepOf(await board.items(), SANDWELL);
    const rowsBefore = await boardRows();

    await submit(SANDWELL, D19, { ffp3_masks_days: 1 });
    const { records, seq } = await project();

    expect(records.map((r) => [r.type, r.data.date, r.data.version])).toEqual([['sitrep.submitted', D19, 2]]);
    expect(seq).toBe(3);
    expect(sitrepOf(await board.items(), SANDWELL)).toEqual(current);
    expect(current).toMatchObject({
      date: D20,
      figures: { ffp3_masks_days: 6, gloves_days: 8 },
      carried: ['ffp3_masks_days'],
    });
    expect(await boardRows()).toEqual(rowsBefore);
  });

  it('is idempotent: the same batch applied twice, or a batch overlapping one applied, changes nothing twice', async () => {
    await submit(SANDWELL, D20, { ffp3_masks_days: 5 });
    const escalation = await raise('FFP3 stock low');
    const first = await relay();
    await projection.apply(first);
    const rows = await boardRows();
    const reached = await checkpoint();

    await projection.apply(first);
    expect(await boardRows()).toEqual(rows);
    expect(await checkpoint()).toBe(reached);

    // The relay hands over the old batch again together with new events: only the new ones apply.
    await submit(SANDWELL, D20, { ffp3_masks_days: 4 });
    await changeEscalation(escalation.id, (e) =>
      resolveEscalation({ by: regional, at: NOW, resolution: 'Delivered' }, e),
    );
    const second = await relay();
    await projection.apply([...first, ...second]);
    await projection.apply([...first, ...second]);
    await projection.apply([]);

    const items = await board.items();
    expect(sitrepOf(items, SANDWELL)).toMatchObject({ version: 2, figures: { ffp3_masks_days: 4 }, base: {} });
    expect(items.escalations).toEqual([]);
    expect(await checkpoint()).toBe(4);
    const perKey: Array<{ kind: string; versions: string }> = await dataSource.query(
      `SELECT kind, count(*)::text AS versions FROM board_item GROUP BY kind ORDER BY kind`,
    );
    expect(perKey).toEqual([
      { kind: 'escalation', versions: '1' },
      { kind: 'sitrep', versions: '2' },
    ]);
  });

  it('moves its position past events it does not show, leaving its items alone', async () => {
    await submit(SANDWELL, D20, { ffp3_masks_days: 5 });
    await project();
    const rows = await boardRows();

    await logDecision('Hold the reserve');
    await logDecision('Hold it again');
    const { records, seq } = await project();

    expect(records.map((r) => r.type)).toEqual(['decision.logged', 'decision.logged']);
    expect(seq).toBe(3);
    expect(await boardRows()).toEqual(rows);
    expect(await board.position(undefined, WHOLE_REACH)).toMatchObject({ seq: 3 });
    // Handed over again (the relay repeats after a crash): the position never goes back.
    await projection.apply(records.slice(0, 1));
    expect(await checkpoint()).toBe(3);
  });

  it('gives each reader the last position they may see: an event hidden from them moves neither their position nor its time', async () => {
    await submit(SANDWELL, D20, { ffp3_masks_days: 5 });
    const hidden = await raise('Named care home', 'OFFICIAL-SENSITIVE', SANDWELL);
    await raise('Masks short', 'OFFICIAL', WALSALL);
    await raise('Another named home', 'OFFICIAL-SENSITIVE', SANDWELL);
    const { records } = await project();
    expect(records.map((r) => [r.seq, r.marking])).toEqual([
      [1, 'OFFICIAL'],
      [2, 'OFFICIAL-SENSITIVE'],
      [3, 'OFFICIAL'],
      [4, 'OFFICIAL-SENSITIVE'],
    ]);
    const at = (seq: number) => records.find((r) => r.seq === seq)?.at;
    const uncleared = sensitiveReach(person('mayors-office', { sub: 'm' }));
    const sandwellOfficer = sensitiveReach(
      person('authority-officer', { sub: 'o', authority: SANDWELL, clearance: 'OFFICIAL-SENSITIVE' }),
    );

    // Now, and at each position: the uncleared reader's answer never names 2 or 4, nor their times.
    expect(await board.position(undefined, uncleared)).toEqual({ seq: 3, at: at(3) });
    expect(await board.position(2, uncleared)).toEqual(await board.position(1, uncleared));
    expect(await board.position(2, uncleared)).toEqual({ seq: 1, at: at(1) });
    expect(await board.position(4, uncleared)).toEqual(await board.position(3, uncleared));
    // A reader with a need to know sees them.
    expect(await board.position(undefined, sandwellOfficer)).toEqual({ seq: 4, at: at(4) });
    expect(await board.position(2, sandwellOfficer)).toEqual({ seq: 2, at: at(2) });
    expect(hidden.authority).toBe(SANDWELL);
  });

  it('reports the position it has reached, capped at the checkpoint, with the time of that event', async () => {
    await submit(SANDWELL, D20, { ffp3_masks_days: 5 });
    await submit(WALSALL, D20, { ffp3_masks_days: 6 });
    await submit(BIRMINGHAM, D20, { ffp3_masks_days: 7 });
    const { records } = await project();
    const at = (seq: number) => records.find((r) => r.seq === seq)?.at;

    // Committed and sequenced by the relay, but not yet projected: the board has not reached it.
    await submit(SANDWELL, D20, { ffp3_masks_days: 1 });
    await relay();

    expect(await board.position(undefined, WHOLE_REACH)).toEqual({ seq: 3, at: at(3) });
    expect(await board.position(2, WHOLE_REACH)).toEqual({ seq: 2, at: at(2) });
    expect(await board.position(3, WHOLE_REACH)).toEqual({ seq: 3, at: at(3) });
    expect(await board.position(4, WHOLE_REACH)).toEqual({ seq: 3, at: at(3) });
    expect(await board.position(1_000, WHOLE_REACH)).toEqual({ seq: 3, at: at(3) });
    expect(await board.position(0, WHOLE_REACH)).toEqual({ seq: 0, at: undefined });
    expect(Date.parse(at(1) ?? '')).toBeLessThanOrEqual(Date.parse(at(3) ?? ''));
    // The unprojected resubmission is not on the board yet.
    expect(sitrepOf(await board.items(), SANDWELL)).toMatchObject({ version: 1 });
  });

  it('follows a cell through activation and standing down, and shows each status as it stood', async () => {
    await governance('activate');
    const { seq: active } = await project();
    await governance('stand-down');
    await project();

    expect((await board.items()).cells.get('ppe')).toEqual({ status: 'stood-down' });
    expect((await board.items(active)).cells.get('ppe')).toEqual({ status: 'active' });
    expect((await board.items(0)).cells.size).toBe(0);
  });

  it('reads one cell’s items alone, now and as it stood', async () => {
    await submit(SANDWELL, D20, { ffp3_masks_days: 5 });
    await submit(BIRMINGHAM, D20, { requests_outstanding: 80 }, undefined, 'food');
    await raise('Masks short');
    const { seq } = await project();
    await submit(SANDWELL, D20, { ffp3_masks_days: 2 });
    await project();

    const food = await board.items(undefined, 'food');
    expect(food.sitreps.map((s) => [s.cell, s.authority])).toEqual([['food', BIRMINGHAM]]);
    expect(food.escalations).toEqual([]);
    const ppeThen = await board.items(seq, 'ppe');
    expect(ppeThen.sitreps.map((s) => [s.authority, s.version])).toEqual([[SANDWELL, 1]]);
    expect(ppeThen.escalations.map((e) => e.title)).toEqual(['Masks short']);
    expect((await board.items(undefined, 'ppe')).sitreps.map((s) => s.version)).toEqual([2]);
  });

  it('offers the decisions a reader may see as moments, newest first, up to the board’s position, filtered before limited', async () => {
    await logDecision('First');
    await logDecision('Named care home', 'OFFICIAL-SENSITIVE');
    await logDecision('Food hub rota', 'OFFICIAL', 'food');
    await submit(SANDWELL, D20, { ffp3_masks_days: 5 });
    const { records } = await project();
    await logDecision('Not yet on the board');
    await relay();

    const titles = async (reach: Parameters<BoardReader['decisionMoments']>[0], limit: number, slug?: string) =>
      (await board.decisionMoments(reach, limit, slug)).map((m) => m.title);
    const uncleared = sensitiveReach(principal({ sub: 'm', roles: ['mayors-office'] }));
    expect(await titles(WHOLE_REACH, 10)).toEqual(['Food hub rota', 'Named care home', 'First']);
    expect(await titles(uncleared, 2)).toEqual(['Food hub rota', 'First']);
    expect(await titles(sensitiveReach(ppeLead), 10, 'ppe')).toEqual(['Named care home', 'First']);
    const [newest] = await board.decisionMoments(WHOLE_REACH, 1);
    const record = records.find((r) => r.data['title'] === 'Food hub rota');
    expect(newest).toEqual({
      seq: record?.seq,
      at: record?.at,
      id: record?.data['id'],
      cell: 'food',
      title: 'Food hub rota',
      marking: 'OFFICIAL',
    });
  });
});
