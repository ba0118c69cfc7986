import { DecisionLogWriter } from '@muster/application';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Transaction } from '@muster/application';
import {
  amendDecision as decideAmendment,
  canonicalJson,
  chainHash,
  contentOf,
  GENESIS_HASH,
  linkEntry,
  logDecision as decideDecision,
  verifyChain,
  type Amendment,
  type DecisionInput,
  type LogEntry,
} from '@muster/domain';
import { createDataSource, DecisionLogRepository, TypeOrmUnitOfWork } from '@muster/persistence';
import { createTestDatabase, waitFor, type TestDatabase } from '@muster/testing';
import { AUTHORITY_CODES, BIRMINGHAM, person, WOLVERHAMPTON } from '@muster/builders';

/**
 * The decision log on the real PostgreSQL: what the domain hashes is what comes back (jsonb and
 * timestamptz round trips), appends to one cell are serialised by the head row lock, other cells are
 * not held up, failed units of work leave nothing, and the database itself refuses edits.
 */

// The integration project's `testTimeout` in jest.config.js does not reach the tests (Jest reads it only at
// the top level), so the file sets its own.
jest.setTimeout(30_000);

const AUTHORITIES = AUTHORITY_CODES;
const KNOWN = new Set(AUTHORITIES);
const INSUFFICIENT_PRIVILEGE = '42501';
const UNIQUE_VIOLATION = '23505';

/** A lead of every cell, cleared, whose name tests the text columns. */
const lead = person('cell-lead', {
  sub: 'lead-7',
  name: 'Zoë O’Brien-Ng',
  cells: ['homelessness', 'food', 'ppe', 'shielding'],
  clearance: 'OFFICIAL-SENSITIVE',
});

/** Content that is awkward to store: non-ASCII text, quotes, newlines, optional fields absent or present. */
function input(n: number, overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    title: `Décision n° ${n} — “quoted” \\ back\\slash`,
    decision: 'Open the overflow rest centre\nand tell the café 🚑 at 09:00',
    rationale: 'Tab\there; emoji 👩🏽‍⚕️; CJK 避難所; RTL مأوى; combining é',
    informationAvailable: `Sitreps ${n}: {"json":"inside a string"}`,
    risks: n % 2 === 0 ? 'Crowding' : undefined,
    options: [
      { option: 'Open', chosen: true, notes: 'ok' },
      { option: 'Wait', chosen: false },
    ],
    decidedAt: new Date(Date.now() - 60_000).toISOString(),
    actions: [{ action: 'Staff it', owner: 'Ops', due: new Date(Date.now() + 3_600_000).toISOString() }],
    reviewBy: new Date(Date.now() + 86_400_000).toISOString(),
    marking: n % 3 === 0 ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL',
    authorities: [
      AUTHORITIES[(n + 2) % AUTHORITIES.length] ?? BIRMINGHAM,
      AUTHORITIES[n % AUTHORITIES.length] ?? BIRMINGHAM,
    ],
    ...overrides,
  };
}

/** What LogDecisionHandler does inside its unit of work: the rule decides the entry onto the locked head. */
async function logDecision(
  tx: Transaction,
  cell: string,
  n: number,
  overrides: Partial<DecisionInput> = {},
): Promise<LogEntry> {
  const { head, journalPosition } = await tx.get(DecisionLogWriter).lockHead(cell);
  const { state: entry, events } = decideDecision(
    { by: lead, at: new Date(), id: randomUUID(), cell, input: input(n, overrides) },
    { head, journalPosition, knownAuthorities: KNOWN },
  );
  await tx.get(DecisionLogWriter).append([entry]);
  await tx.journal.append(events, lead.sub);
  return entry;
}

async function amendDecision(tx: Transaction, original: LogEntry, amendment: Amendment): Promise<LogEntry> {
  const { head, journalPosition } = await tx.get(DecisionLogWriter).lockHead(original.cell);
  const { state: entry, events } = decideAmendment(
    { by: lead, at: new Date(), id: randomUUID(), amendment },
    { head, journalPosition, knownAuthorities: KNOWN, original, earlier: [] },
  );
  await tx.get(DecisionLogWriter).append([entry]);
  await tx.journal.append(events, lead.sub);
  return entry;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Rejects with a clear message instead of letting a blocked call run into the statement timeout. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('decision log repository (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let uow: TypeOrmUnitOfWork;
  let log: DecisionLogRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Enough connections that all 30 concurrent appends really wait on the head lock, not on the pool.
    dataSource = createDataSource({ url: db.url, poolSize: 34, applicationName: 'muster-decision-log-test' });
    await dataSource.initialize();
    uow = new TypeOrmUnitOfWork(dataSource);
    log = new DecisionLogRepository(dataSource);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  async function everything(cell: string): Promise<LogEntry[]> {
    return log.page(cell, 0, 10_000);
  }

  async function journalRowsFor(entryId: string): Promise<
    Array<{
      type: string;
      cell: string;
      data: Record<string, unknown>;
      seq: string | null;
      actor: string;
      topics: string[];
      marking: string;
    }>
  > {
    return dataSource.query(
      `SELECT type, cell, data, seq, actor, topics, marking FROM journal WHERE data->>'id' = $1 ORDER BY id`,
      [entryId],
    );
  }

  it('round-trips entries exactly: what comes back re-hashes to the stored hash and the chain verifies', async () => {
    const cell = 'ppe';
    expect(await log.head(cell)).toBeUndefined();

    const first = await uow.run((tx) => logDecision(tx, cell, 1));
    const second = await uow.run((tx) =>
      logDecision(tx, cell, 2, { risks: 'Ümlaut risk', powersAndPolicy: 'CCA 2004 s.2' }),
    );
    const original = await log.byId(cell, first.id);
    if (original === undefined) throw new Error('first entry not found');
    const amendment = await uow.run((tx) =>
      amendDecision(tx, original, {
        reason: 'Typo — “Sandwell” not “Sandwel”',
        changes: { decision: 'Open the overflow rest centre in Sandwell', authorities: [WOLVERHAMPTON] },
      }),
    );

    expect([first.sequence, second.sequence, amendment.sequence]).toEqual([1, 2, 3]);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(amendment.prevHash).toBe(second.hash);

    for (const written of [first, second, amendment]) {
      const stored = await log.byId(cell, written.id);
      if (stored === undefined) throw new Error(`entry ${written.sequence} not found`);
      // Same content after jsonb (key order, unicode) and timestamptz (time zone, precision) round trips...
      expect(stored).toEqual(written);
      expect(canonicalJson(stored)).toBe(canonicalJson(written));
      // ...so the stored content alone reproduces the stored hash.
      expect(chainHash(contentOf(stored), stored.prevHash)).toBe(stored.hash);
    }

    const stored = await everything(cell);
    expect(stored.map((e) => e.id)).toEqual([first.id, second.id, amendment.id]);
    const head = await log.head(cell);
    expect(head).toEqual({ sequence: 3, hash: amendment.hash });
    expect(verifyChain(stored, head)).toEqual({ valid: true, entries: 3, head: amendment.hash });

    // Paging, lookups by cell, amendments.
    expect((await log.page(cell, 1, 1)).map((e) => e.sequence)).toEqual([2]);
    expect((await log.page(cell, 3, 10)).map((e) => e.sequence)).toEqual([]);
    expect(await log.amendmentsOf(cell, first.id)).toEqual([amendment]);
    expect(await log.amendmentsOf(cell, second.id)).toEqual([]);
    expect(await log.byId('food', first.id)).toBeUndefined();
    expect(await log.amendmentsOf('food', first.id)).toEqual([]);
    expect(await log.amendmentsOfEach(cell, [second.id, first.id])).toEqual([amendment]);
    expect(await log.amendmentsOfEach(cell, [second.id])).toEqual([]);
    expect(await log.amendmentsOfEach(cell, [])).toEqual([]);
    expect(await log.amendmentsOfEach('food', [first.id])).toEqual([]);
    expect(await log.byId(cell, randomUUID())).toBeUndefined();

    // Each append put its event in the journal, in the same transaction, for the relay to sequence.
    expect(await journalRowsFor(first.id)).toEqual([
      {
        type: 'decision.logged',
        cell,
        seq: null,
        actor: lead.sub,
        marking: first.marking,
        topics: ['region', `cell:${cell}`, ...first.authorities.map((a) => `authority:${a}`)],
        data: expect.objectContaining({ id: first.id, sequence: 1, hash: first.hash, recordedAt: first.recordedAt }),
      },
    ]);
    expect(await journalRowsFor(amendment.id)).toEqual([
      expect.objectContaining({
        type: 'decision.amended',
        data: expect.objectContaining({ amends: first.id, sequence: 3 }),
      }),
    ]);
  });

  it('serialises 30 concurrent appends to one cell into sequences 1..30 with an intact chain', async () => {
    const cell = 'food';
    const base = (await log.head(cell))?.sequence ?? 0;
    const written = await Promise.all(Array.from({ length: 30 }, (_, i) => uow.run((tx) => logDecision(tx, cell, i))));

    expect(written.map((e) => e.sequence).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => base + i + 1),
    );
    const stored = await everything(cell);
    expect(stored).toHaveLength(base + 30);
    const head = await log.head(cell);
    expect(head?.sequence).toBe(base + 30);
    expect(verifyChain(stored, head)).toMatchObject({ valid: true, entries: base + 30 });
    // Recording times are taken under the lock, so they follow the chain.
    const times = stored.map((e) => Date.parse(e.recordedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Exactly one journal event per entry.
    const events: Array<{ id: string }> = await dataSource.query(
      `SELECT data->>'id' AS id FROM journal WHERE type = 'decision.logged' AND cell = $1`,
      [cell],
    );
    expect(events.map((e) => e.id).sort()).toEqual(written.map((e) => e.id).sort());
  });

  it('holds appends to a cell while its head is locked, and lets other cells append meanwhile', async () => {
    const held = 'shielding';
    const other = 'homelessness';
    const heldBase = (await log.head(held))?.sequence ?? 0;
    const otherBase = (await log.head(other))?.sequence ?? 0;

    const locked = deferred();
    const release = deferred();
    let firstCommitted = false;
    const first = uow
      .run(async (tx) => {
        await tx.get(DecisionLogWriter).lockHead(held);
        locked.resolve();
        await release.promise;
        return logDecision(tx, held, 1);
      })
      .then((entry) => {
        firstCommitted = true;
        return entry;
      });
    const settleFirst = first.catch(() => undefined);
    try {
      await locked.promise;

      // Another cell's chain is not behind that lock.
      const elsewhere = await within(
        uow.run((tx) => logDecision(tx, other, 2)),
        5_000,
        `an append to ${other}`,
      );
      expect(firstCommitted).toBe(false);
      expect(elsewhere.sequence).toBe(otherBase + 1);
      expect(await log.head(other)).toEqual({ sequence: otherBase + 1, hash: elsewhere.hash });

      // The same cell's chain is: a second append waits on the head row.
      const second = uow.run((tx) => logDecision(tx, held, 3));
      const settleSecond = second.catch(() => undefined);
      try {
        await waitFor(
          async () => {
            const rows: Array<{ waiting: string }> = await dataSource.query(
              `SELECT count(*) AS waiting FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%decision_log_head%'`,
            );
            return Number(rows[0]?.waiting ?? 0) === 1;
          },
          { timeoutMs: 5_000, description: `the second append to ${held} to wait on the head lock` },
        );
        expect((await log.head(held))?.sequence ?? 0).toBe(heldBase);

        release.resolve();
        const [a, b] = await within(Promise.all([first, second]), 5_000, `the appends to ${held}`);
        expect([a.sequence, b.sequence]).toEqual([heldBase + 1, heldBase + 2]);
        expect(b.prevHash).toBe(a.hash);
        const stored = await everything(held);
        expect(verifyChain(stored, await log.head(held))).toMatchObject({ valid: true, entries: heldBase + 2 });
      } finally {
        release.resolve();
        await settleSecond;
      }
    } finally {
      release.resolve();
      await settleFirst;
    }
  });

  it('refuses a link built on a stale head (one sequence per cell)', async () => {
    const cell = 'ppe';
    await uow.run((tx) => logDecision(tx, cell, 8));
    const head = await log.head(cell);
    const stale = linkEntry(
      {
        id: randomUUID(),
        cell,
        marking: 'OFFICIAL',
        authorities: [],
        recordedAt: new Date().toISOString(),
        recordedBy: { sub: lead.sub, name: lead.name },
        body: decideDecision(
          { by: lead, at: new Date(), id: randomUUID(), cell, input: input(9) },
          { head: undefined, journalPosition: 0, knownAuthorities: KNOWN },
        ).state.body,
      },
      { sequence: (head?.sequence ?? 1) - 1, hash: 'f'.repeat(64) },
    );
    // Skipping lockHead: the unique (cell, sequence) constraint still refuses a second entry at one position.
    await expect(uow.run((tx) => tx.get(DecisionLogWriter).append([stale]))).rejects.toMatchObject({
      code: UNIQUE_VIOLATION,
    });
    expect(await log.head(cell)).toEqual(head);
    expect(await log.byId(cell, stale.id)).toBeUndefined();
  });

  it('leaves no entry, no journal row and an unchanged head when the unit of work fails', async () => {
    const cell = 'ppe';
    const headBefore = await log.head(cell);
    const countsBefore = await counts();
    let attempted: LogEntry | undefined;

    await expect(
      uow.run(async (tx) => {
        attempted = await logDecision(tx, cell, 4);
        throw new Error('handler failed after appending');
      }),
    ).rejects.toThrow('handler failed after appending');

    if (attempted === undefined) throw new Error('the unit of work did not get as far as appending');
    expect(await log.byId(cell, attempted.id)).toBeUndefined();
    expect(await journalRowsFor(attempted.id)).toEqual([]);
    expect(await log.head(cell)).toEqual(headBefore);
    expect(await counts()).toEqual(countsBefore);

    // And the chain carries on from the unchanged head.
    const next = await uow.run((tx) => logDecision(tx, cell, 5));
    expect(next.sequence).toBe((headBefore?.sequence ?? 0) + 1);
    expect(verifyChain(await everything(cell), await log.head(cell))).toMatchObject({ valid: true });

    async function counts(): Promise<{ entries: string; journal: string }> {
      const rows: Array<{ entries: string; journal: string }> = await dataSource.query(
        `SELECT (SELECT count(*) FROM decision_log_entry) AS entries, (SELECT count(*) FROM journal) AS journal`,
      );
      const row = rows[0];
      if (row === undefined) throw new Error('no counts');
      return row;
    }
  });

  describe('append-only at the database level', () => {
    let entry: LogEntry;

    beforeAll(async () => {
      entry = await uow.run((tx) => logDecision(tx, 'homelessness', 6));
    });

    const refused = { code: INSUFFICIENT_PRIVILEGE, message: expect.stringMatching(/append-only/) };

    it('refuses UPDATE and DELETE on decision_log_entry', async () => {
      await expect(
        dataSource.query(
          `UPDATE decision_log_entry SET body = jsonb_set(body, '{record,decision}', '"changed"') WHERE id = $1`,
          [entry.id],
        ),
      ).rejects.toMatchObject(refused);
      await expect(
        dataSource.query(`UPDATE decision_log_entry SET hash = hash WHERE id = $1`, [entry.id]),
      ).rejects.toMatchObject(refused);
      await expect(dataSource.query(`DELETE FROM decision_log_entry WHERE id = $1`, [entry.id])).rejects.toMatchObject(
        refused,
      );
      await expect(dataSource.query(`DELETE FROM decision_log_entry`)).rejects.toMatchObject(refused);
      await expect(dataSource.query(`TRUNCATE decision_log_entry CASCADE`)).rejects.toMatchObject(refused);
      expect(await log.byId(entry.cell, entry.id)).toEqual(entry);
    });

    it('refuses UPDATE and DELETE on journal, except stamping seq once on an unsequenced row', async () => {
      const rows: Array<{ id: string }> = await dataSource.query(`SELECT id FROM journal WHERE data->>'id' = $1`, [
        entry.id,
      ]);
      const id = rows[0]?.id;
      if (id === undefined) throw new Error('journal row not found');
      const next: Array<{ next: string }> = await dataSource.query(
        `SELECT coalesce(max(seq), 0) + 1000 AS next FROM journal`,
      );
      const seq = Number(next[0]?.next);

      await expect(dataSource.query(`UPDATE journal SET data = '{}' WHERE id = $1`, [id])).rejects.toMatchObject(
        refused,
      );
      await expect(
        dataSource.query(`UPDATE journal SET actor = 'someone-else' WHERE id = $1`, [id]),
      ).rejects.toMatchObject(refused);
      // Stamping seq together with any other change is refused too.
      await expect(
        dataSource.query(`UPDATE journal SET seq = $2, type = 'cell.activated' WHERE id = $1`, [id, seq]),
      ).rejects.toMatchObject(refused);
      await expect(dataSource.query(`DELETE FROM journal WHERE id = $1`, [id])).rejects.toMatchObject(refused);
      await expect(dataSource.query(`TRUNCATE journal`)).rejects.toMatchObject(refused);

      // The relay's one-time stamp is allowed...
      await dataSource.query(`UPDATE journal SET seq = $2 WHERE id = $1`, [id, seq]);
      // ...once: neither re-stamping nor clearing it is.
      await expect(dataSource.query(`UPDATE journal SET seq = $2 WHERE id = $1`, [id, seq + 1])).rejects.toMatchObject(
        refused,
      );
      await expect(dataSource.query(`UPDATE journal SET seq = NULL WHERE id = $1`, [id])).rejects.toMatchObject(
        refused,
      );
      await expect(dataSource.query(`DELETE FROM journal WHERE id = $1`, [id])).rejects.toMatchObject(refused);

      const after: Array<{ seq: string; data: Record<string, unknown>; type: string }> = await dataSource.query(
        `SELECT seq, data, type FROM journal WHERE id = $1`,
        [id],
      );
      expect(after).toEqual([
        { seq: String(seq), type: 'decision.logged', data: expect.objectContaining({ id: entry.id }) },
      ]);
    });
  });
});
