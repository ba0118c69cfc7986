import { LogEntry } from '@muster/domain';
import { carryWindowStart } from '../../sitreps/effective-day';
import { GenerateDailyFeed } from './generate-daily-feed.command';
import { GenerateDailyFeedHandler } from './generate-daily-feed.handler';
import { BIRMINGHAM, COVENTRY, escalationRaised, outcomeOf, person, report } from '@muster/builders';
import { FakeAccessAudit, feedHarness } from '@muster/doubles';

const DAY = '2026-11-20';
const BEFORE = '2026-11-19';
/** 07:00 the morning after, past the 10:00 cut-off of the day. */
const MORNING_AFTER = '2026-11-21T07:00:00.000Z';
const regional = person('regional-coordinator');
const cleared = person('regional-coordinator', { clearance: 'OFFICIAL-SENSITIVE' });

function setUp(now = MORNING_AFTER) {
  const h = feedHarness(now);
  const audit = new FakeAccessAudit();
  const handler = new GenerateDailyFeedHandler(h.publisher, h.feeds, h.region, h.clock, audit);
  return { ...h, handler, audit };
}

function entry(
  id: string,
  recordedAt: string,
  sequence: number,
  kind: 'decision' | 'amendment' = 'decision',
  marking: LogEntry['marking'] = 'OFFICIAL',
): LogEntry {
  return {
    id,
    cell: 'ppe',
    sequence,
    marking,
    authorities: marking === 'OFFICIAL' ? [] : [COVENTRY],
    recordedAt,
    recordedBy: { sub: 'lead', name: 'Lead' },
    body:
      kind === 'decision'
        ? {
            kind,
            record: {
              title: `Decision ${id}`,
              decision: 'd',
              rationale: 'r',
              informationAvailable: 'i',
              options: [],
              decidedBy: 'Lead',
              decidedAt: recordedAt,
              actions: [],
            },
          }
        : { kind, amends: 'x', amendment: { reason: 'typo', changes: {} } },
    hash: String(sequence).repeat(64).slice(0, 64),
    prevHash: '0'.repeat(64),
  };
}

describe('GenerateDailyFeedHandler', () => {
  describe('who may generate', () => {
    it.each([
      ['regional-coordinator', 'ok'],
      ['admin', 'ok'],
      ['mayors-office', 'forbidden'],
      ['cell-lead', 'forbidden'],
      ['authority-officer', 'forbidden'],
      ['cell-member', 'forbidden'],
    ] as const)('%s → %s', async (role, expected) => {
      const { handler } = setUp();
      expect(await outcomeOf(handler.execute(new GenerateDailyFeed(DAY, person(role))))).toBe(expected);
    });

    it('the system (the 07:00 job) may', async () => {
      const { handler } = setUp();
      await expect(handler.execute(new GenerateDailyFeed(DAY, 'system'))).resolves.toMatchObject({
        date: DAY,
        version: 1,
      });
    });
  });

  it('refuses a day that does not exist (400) and one that has not begun (422); today is the day so far', async () => {
    const { handler } = setUp();
    expect(await outcomeOf(handler.execute(new GenerateDailyFeed('2026-02-30', regional)))).toBe('validation-failed');
    expect(await outcomeOf(handler.execute(new GenerateDailyFeed('2026-11-22', regional)))).toBe('rule-violated');
    expect(await outcomeOf(handler.execute(new GenerateDailyFeed('2026-11-21', regional)))).toBe('ok');
  });

  it('totals each figure over the authorities, with its change since the day before, carrying what carries', async () => {
    const { handler, sitreps } = setUp();
    sitreps.sitreps.push(
      report(BIRMINGHAM, BEFORE, { stock_days: 5, requests: 10 }),
      report(COVENTRY, BEFORE, { stock_days: 10, requests: 20 }),
      report(BIRMINGHAM, DAY, { stock_days: 4, requests: 12 }, { rag: 'green' }),
      // A resubmission replaces the day's figures; Coventry is silent on the day.
      report(BIRMINGHAM, DAY, { stock_days: 3, requests: 12 }, { version: 2, rag: 'red' }),
      // Older than the carry window: never read.
      report(COVENTRY, '2026-09-01', { stock_days: 99 }),
    );
    const feed = await handler.execute(new GenerateDailyFeed(DAY, regional));
    const ppe = feed.cells.find((c) => c.slug === 'ppe');
    expect(ppe?.totals).toEqual([
      // Coventry's stock is carried from the day before; its requests are not.
      {
        key: 'stock_days',
        label: 'Days of stock',
        unit: 'days',
        aggregate: 'sum',
        value: 13,
        previous: 15,
        change: -2,
      },
      { key: 'requests', label: 'Requests', unit: 'requests', aggregate: 'sum', value: 12, previous: 30, change: -18 },
    ]);
    expect(ppe?.stale).toEqual([COVENTRY]);
    // Birmingham's own RAG (red) is worse than its figures' (amber); the retired authority is not listed.
    expect(ppe?.authorities).toEqual([
      { code: BIRMINGHAM, name: 'Birmingham', rag: 'red', stale: false },
      { code: COVENTRY, name: 'Coventry', rag: 'green', stale: true },
    ]);
    expect(ppe?.rag).toBe('red');
  });

  it('reads one bounded sitrep window per cell: the day before’s carry window through the day', async () => {
    const { handler, sitreps, source } = setUp();
    await handler.execute(new GenerateDailyFeed(DAY, regional));
    expect(sitreps.windows).toEqual([
      { cell: 'ppe', from: carryWindowStart(BEFORE), through: DAY },
      { cell: 'food', from: carryWindowStart(BEFORE), through: DAY },
    ]);
    expect(source.calls.sort()).toEqual([
      'entriesRecorded',
      'escalationsActedOnBySystem',
      'escalationsRaised',
      'headsAt',
      'lastPositionBefore',
    ]);
  });

  it('stores a new immutable version each time and journals feed.published with it, in one unit of work', async () => {
    const { handler, store, source, feeds } = setUp();
    source.positions = [
      { seq: 41, at: '2026-11-20T21:00:00.000Z' },
      { seq: 42, at: '2026-11-20T23:59:59.000Z' },
      { seq: 43, at: '2026-11-21T00:00:00.000Z' },
    ];
    const first = await handler.execute(new GenerateDailyFeed(DAY, regional));
    const second = await handler.execute(new GenerateDailyFeed(DAY, 'system'));
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(first.throughSeq).toBe(42);
    expect(feeds.rows.map((r) => [r.date, r.version, r.throughSeq])).toEqual([
      [DAY, 1, 42],
      [DAY, 2, 42],
    ]);
    expect(store.events).toEqual([
      {
        type: 'feed.published',
        authorities: [],
        marking: 'OFFICIAL',
        actor: regional.sub,
        data: { kind: 'daily', date: DAY, version: 1, generatedAt: MORNING_AFTER },
      },
      {
        type: 'feed.published',
        authorities: [],
        marking: 'OFFICIAL',
        actor: 'system',
        data: { kind: 'daily', date: DAY, version: 2, generatedAt: MORNING_AFTER },
      },
    ]);
  });

  it('shows each cell’s status as the board stood at the end of the day, or its current status', async () => {
    const { handler, board, source } = setUp();
    source.positions = [
      { seq: 5, at: '2026-11-20T15:00:00.000Z' },
      { seq: 9, at: '2026-11-21T06:00:00.000Z' },
    ];
    const items = (status: 'active' | 'stood-down') => ({
      cells: new Map([['ppe', { status }]]),
      sitreps: [],
      escalations: [],
      requests: [],
      actions: [],
    });
    board.snapshots = [
      { seq: 5, items: items('active') },
      { seq: 9, items: items('stood-down') },
    ];
    const feed = await handler.execute(new GenerateDailyFeed(DAY, regional));
    expect(feed.cells.map((c) => [c.slug, c.status])).toEqual([
      ['ppe', 'active'],
      ['food', 'standby'],
    ]);
  });

  describe('escalations and decisions of the day', () => {
    function withActivity() {
      const h = setUp();
      const old = escalationRaised('old', '2026-11-10T09:00:00.000Z', { cell: 'food' });
      h.source.escalations = [
        escalationRaised('today', '2026-11-20T09:00:00.000Z'),
        escalationRaised('secret', '2026-11-20T10:00:00.000Z', { marking: 'OFFICIAL-SENSITIVE', authority: COVENTRY }),
        old,
        escalationRaised('tomorrow', '2026-11-21T01:00:00.000Z'),
      ];
      h.source.positions = [{ seq: 7, at: '2026-11-20T12:00:00.000Z' }];
      // The board held the old one open at the end of the day: only the board finds it.
      h.board.snapshots = [
        {
          seq: 7,
          items: {
            cells: new Map(),
            sitreps: [],
            requests: [],
            actions: [],
            escalations: [
              {
                id: 'old',
                title: '',
                severity: 'high',
                level: 'cell',
                status: 'open',
                overdue: false,
                ackDueAt: null,
                marking: 'OFFICIAL',
              },
            ],
          },
        },
      ];
      h.source.entries = [
        entry('yesterday', '2026-11-19T12:00:00.000Z', 1),
        entry('d1', '2026-11-20T09:30:00.000Z', 2),
        entry('amend', '2026-11-20T10:00:00.000Z', 3, 'amendment'),
        entry('d-secret', '2026-11-20T11:00:00.000Z', 4, 'decision', 'OFFICIAL-SENSITIVE'),
        entry('next-day', '2026-11-21T00:30:00.000Z', 5),
      ];
      return h;
    }

    it('gives the system the full content: what was opened, what is open, decisions logged and the head at midnight', async () => {
      const { handler } = withActivity();
      const feed = await handler.execute(new GenerateDailyFeed(DAY, 'system'));
      const ppe = feed.cells.find((c) => c.slug === 'ppe');
      const food = feed.cells.find((c) => c.slug === 'food');
      expect(ppe?.escalations).toMatchObject({ opened: 2, open: 2, breached: 0 });
      expect(ppe?.escalations.items.map((e) => e.id)).toEqual(['today', 'secret']);
      expect(food?.escalations).toMatchObject({ opened: 0, open: 1, breached: 0 });
      // Decisions only (an amendment corrects one, it is not a new decision); the head counts every entry.
      expect(ppe?.decisions.map((d) => [d.id, d.title])).toEqual([
        ['d1', 'Decision d1'],
        ['d-secret', 'Decision d-secret'],
      ]);
      expect(ppe?.head).toEqual({ sequence: 4, hash: '4'.repeat(64) });
      expect(food?.head).toEqual({ sequence: 0, hash: '0'.repeat(64) });
    });

    it('puts a person shown sensitive items on record, as GET /feeds/daily/:date does; nobody else and not the system', async () => {
      const { handler, audit } = withActivity();
      await handler.execute(new GenerateDailyFeed(DAY, 'system'));
      await handler.execute(new GenerateDailyFeed(DAY, regional));
      expect(audit.calls).toEqual([]);
      await handler.execute(new GenerateDailyFeed(DAY, cleared));
      expect(audit.calls).toHaveLength(1);
      expect(audit.calls[0]?.sub).toBe(cleared.sub);
      expect(audit.calls[0]?.entries.map((e) => [e.action, e.itemType, e.itemId, e.cell])).toEqual([
        ['feed.read', 'escalation', 'secret', 'ppe'],
        ['feed.read', 'decision', 'd-secret', 'ppe'],
      ]);
    });

    it('gives a person the version they may see: nothing sensitive without need to know, and counts recounted', async () => {
      const { handler, feeds } = withActivity();
      const served = await handler.execute(new GenerateDailyFeed(DAY, regional));
      const ppe = served.cells.find((c) => c.slug === 'ppe');
      expect(JSON.stringify(served)).not.toContain('secret');
      expect(ppe?.escalations).toMatchObject({ opened: 1, open: 1 });
      // The stored version keeps everything, for cleared readers.
      expect(JSON.stringify(feeds.rows[0]?.feed)).toContain('d-secret');
      const full = await handler.execute(new GenerateDailyFeed(DAY, cleared));
      expect(full.cells.find((c) => c.slug === 'ppe')?.decisions).toHaveLength(2);
    });
  });

  it('with unlessGeneratedSince, returns a version generated since instead of publishing again (a retried job)', async () => {
    const { handler, store, clock } = setUp();
    const scheduled = new Date(MORNING_AFTER);
    await handler.execute(new GenerateDailyFeed(DAY, 'system', { unlessGeneratedSince: scheduled }));
    clock.current = new Date('2026-11-21T07:05:00.000Z');
    const again = await handler.execute(new GenerateDailyFeed(DAY, 'system', { unlessGeneratedSince: scheduled }));
    expect(again.version).toBe(1);
    expect(store.events).toHaveLength(1);
    // A run scheduled after the last version does publish.
    const later = await handler.execute(
      new GenerateDailyFeed(DAY, 'system', { unlessGeneratedSince: new Date('2026-11-21T07:01:00.000Z') }),
    );
    expect(later.version).toBe(2);
  });
});
