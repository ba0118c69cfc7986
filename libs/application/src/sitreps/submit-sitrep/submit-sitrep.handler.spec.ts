import { DomainError, Principal } from '@muster/domain';
import { SubmitSitrep, SubmittedSitrep } from './submit-sitrep.command';
import { SitrepSubmissions } from './sitrep-submissions';
import { SubmitSitrepHandler } from './submit-sitrep.handler';
import {
  BIRMINGHAM,
  COVENTRY,
  FFP3_CRITERION,
  foodCell,
  officerOf,
  person,
  ppeCell,
  regional,
  SANDWELL,
  WALSALL,
} from '@muster/builders';
import {
  fakeCells,
  FakeClock,
  fakeDecisionRequests,
  FakeReference,
  fakeSitreps,
  FakeStore,
  londonRegion,
} from '@muster/doubles';

// 11:00 in London (GMT in November): the reporting day is 2026-11-20.
const NOW = '2026-11-20T11:00:00.000Z';
const TODAY = '2026-11-20';
const YESTERDAY = '2026-11-19';
const TOMORROW = '2026-11-21';

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('SubmitSitrepHandler', () => {
  let reference: FakeReference;
  let store: FakeStore;
  let clock: FakeClock;
  let handler: SubmitSitrepHandler;

  const submit = (
    who: Principal,
    authority: string,
    figures: Record<string, unknown>,
    extra: { date?: string; cell?: string; narrative?: string; rag?: 'green' | 'amber' | 'red' } = {},
  ): Promise<SubmittedSitrep> =>
    handler.execute(
      new SubmitSitrep(who, extra.cell ?? 'ppe', authority, extra.date ?? TODAY, {
        figures,
        ...(extra.narrative !== undefined && { narrative: extra.narrative }),
        ...(extra.rag !== undefined && { rag: extra.rag }),
      }),
    );
  /** Each authority's own officer reports its FFP3 days of supply for today. */
  const ffp3 = (authority: string, days: number, date = TODAY) =>
    submit(officerOf(authority), authority, { ffp3_masks_days: days }, { date });
  const requests = () => [...store.tables(fakeDecisionRequests).rows.values()];
  const requestEvents = () => store.events.filter((e) => e.type === 'decision-request.opened');

  function setUp(cell = ppeCell(), episodeOpen = false): void {
    reference = new FakeReference([cell, foodCell()]);
    store = new FakeStore();
    store.tables(fakeCells).hold(cell, episodeOpen).hold(foodCell());
    clock = new FakeClock(new Date(NOW));
    handler = new SubmitSitrepHandler(reference, new SitrepSubmissions(store, reference, londonRegion, clock));
  }

  beforeEach(() => setUp());

  describe('versions', () => {
    it('stores the first report as version 1 and records sitrep.submitted by the officer', async () => {
      const { sitrep, activationRequestId } = await submit(
        officerOf(SANDWELL),
        SANDWELL,
        { ffp3_masks_days: 5, requests_outstanding: 12 },
        {
          narrative: 'Deliveries resumed',
          rag: 'amber',
        },
      );

      expect(activationRequestId).toBeUndefined();
      expect(sitrep).toEqual({
        cell: 'ppe',
        authority: SANDWELL,
        date: TODAY,
        version: 1,
        figures: { ffp3_masks_days: 5, requests_outstanding: 12 },
        narrative: 'Deliveries resumed',
        rag: 'amber',
        submittedBy: { sub: `officer-${SANDWELL}`, name: 'A authority-officer' },
        submittedAt: NOW,
      });
      expect(store.tables(fakeSitreps).sitreps).toEqual([sitrep]);
      expect(store.events).toEqual([
        {
          type: 'sitrep.submitted',
          cell: 'ppe',
          authority: SANDWELL,
          authorities: [SANDWELL],
          marking: 'OFFICIAL',
          data: {
            cell: 'ppe',
            authority: SANDWELL,
            date: TODAY,
            version: 1,
            rag: 'amber',
            figures: { ffp3_masks_days: 5, requests_outstanding: 12 },
          },
          actor: `officer-${SANDWELL}`,
        },
      ]);
    });

    it('makes each resubmission for the same day a new version and keeps every earlier one', async () => {
      await ffp3(SANDWELL, 5);
      clock.set('2026-11-20T11:20:00.000Z');
      await ffp3(SANDWELL, 4);
      clock.set('2026-11-20T11:40:00.000Z');
      const third = await submit(regional(), SANDWELL, { ffp3_masks_days: 3.5 });

      expect(third.sitrep.version).toBe(3);
      expect(
        store
          .tables(fakeSitreps)
          .sitreps.map((s) => [s.version, s.figures.ffp3_masks_days, s.submittedAt, s.submittedBy.sub]),
      ).toEqual([
        [1, 5, NOW, `officer-${SANDWELL}`],
        [2, 4, '2026-11-20T11:20:00.000Z', `officer-${SANDWELL}`],
        [3, 3.5, '2026-11-20T11:40:00.000Z', 'regional-coordinator-1'],
      ]);
      expect(store.events.map((e) => (e.type === 'sitrep.submitted' ? e.data : undefined))).toEqual([
        expect.objectContaining({ version: 1 }),
        expect.objectContaining({ version: 2 }),
        expect.objectContaining({ version: 3 }),
      ]);
    });

    it('records an unchanged day: today’s report repeating yesterday’s figures is a new report for today, written with its event', async () => {
      clock.set('2026-11-19T09:00:00.000Z');
      await submit(officerOf(SANDWELL), SANDWELL, { ffp3_masks_days: 5 }, { date: YESTERDAY, rag: 'amber' });
      clock.set(NOW);
      const today = await submit(officerOf(SANDWELL), SANDWELL, { ffp3_masks_days: 5 }, { rag: 'amber' });

      expect(today.sitrep).toMatchObject({
        date: TODAY,
        version: 1,
        figures: { ffp3_masks_days: 5 },
        submittedAt: NOW,
      });
      expect(store.tables(fakeSitreps).sitreps.map((s) => [s.date, s.version])).toEqual([
        [YESTERDAY, 1],
        [TODAY, 1],
      ]);
      expect(store.events.map((e) => [e.type, (e.data as { date?: string }).date])).toEqual([
        ['sitrep.submitted', YESTERDAY],
        ['sitrep.submitted', TODAY],
      ]);
      // Sent again the same day, it is the same report: nothing more is written.
      const again = await submit(officerOf(SANDWELL), SANDWELL, { ffp3_masks_days: 5 }, { rag: 'amber' });
      expect(again.sitrep).toEqual(today.sitrep);
      expect(store.tables(fakeSitreps).sitreps).toHaveLength(2);
      expect(store.events).toHaveLength(2);
    });

    it('numbers versions per authority, cell and day: another day, authority or cell starts again at 1', async () => {
      await ffp3(SANDWELL, 5);
      await ffp3(SANDWELL, 5);
      const otherDay = await ffp3(SANDWELL, 5, YESTERDAY);
      const otherAuthority = await ffp3(WALSALL, 5);
      const otherCell = await submit(officerOf(SANDWELL), SANDWELL, { requests_outstanding: 40 }, { cell: 'food' });
      expect([otherDay.sitrep.version, otherAuthority.sitrep.version, otherCell.sitrep.version]).toEqual([1, 1, 1]);
    });
  });

  describe('refusals write nothing', () => {
    beforeEach(async () => {
      await ffp3(SANDWELL, 5);
    });

    it.each<[string, Principal]>([
      ['an officer of another authority', officerOf(WALSALL)],
      ['a cell lead of the cell', person('cell-lead', { cells: ['ppe'] })],
      ['a cell member', person('cell-member', { cells: ['ppe'] })],
      ['the mayor’s office', person('mayors-office')],
      ['an administrator', person('admin')],
    ])('refuses %s with 403', async (_, who) => {
      const before = store.snapshot();
      const error = await refusal(submit(who, SANDWELL, { ffp3_masks_days: 1 }));
      expect(error.code).toBe('forbidden');
      expect(store.snapshot()).toEqual(before);
    });

    it('rejects an unknown figure and a value that is not a number with 400, naming each key', async () => {
      const before = store.snapshot();
      const error = await refusal(
        submit(officerOf(SANDWELL), SANDWELL, { ffp3_masks_days: 'two', visors_days: 3, gloves_days: -1 }),
      );
      expect(error.code).toBe('validation-failed');
      expect(error.errors).toEqual([
        { path: 'figures.ffp3_masks_days', message: 'must be a number' },
        { path: 'figures.visors_days', message: 'is not a figure of cell ppe' },
        { path: 'figures.gloves_days', message: 'must not be negative' },
      ]);
      expect(store.snapshot()).toEqual(before);
    });

    it('rejects a date that is not a calendar day with 400', async () => {
      const before = store.snapshot();
      const error = await refusal(ffp3(SANDWELL, 1, '2026-02-30'));
      expect(error.code).toBe('validation-failed');
      expect(error.errors).toEqual([{ path: 'date', message: 'must be a calendar day written YYYY-MM-DD' }]);
      expect(store.snapshot()).toEqual(before);
    });

    it('refuses a report for a day that has not begun in the region (422) and writes nothing', async () => {
      const before = store.snapshot();
      const error = await refusal(ffp3(SANDWELL, 1, TOMORROW));
      expect(error.code).toBe('rule-violated');
      expect(store.snapshot()).toEqual(before);
    });

    it.each<[string, string, string]>([
      ['an unknown cell', 'vaccines', SANDWELL],
      ['an unknown authority', 'ppe', 'E99999999'],
    ])('answers 404 for %s', async (_, cell, authority) => {
      const before = store.snapshot();
      const error = await refusal(submit(regional(), authority, { ffp3_masks_days: 1 }, { cell }));
      expect(error.code).toBe('not-found');
      expect(store.snapshot()).toEqual(before);
    });
  });

  describe('governance with criteria', () => {
    it('asks nothing while only one authority is under 3 days', async () => {
      const result = await ffp3(SANDWELL, 2);
      await ffp3(WALSALL, 3); // exactly on the bound is not under it
      expect(result.activationRequestId).toBeUndefined();
      expect(requests()).toEqual([]);
      expect(store.tables(fakeCells).governanceOf('ppe')?.episodeOpen).toBe(false);
    });

    it('opens exactly one decision request to the regional coordinators when two authorities fall under 3 days', async () => {
      await ffp3(SANDWELL, 2);
      clock.set('2026-11-20T11:05:00.000Z');
      const { activationRequestId } = await ffp3(WALSALL, 1.5);

      expect(activationRequestId).toEqual(expect.any(String));
      expect(requests()).toEqual([
        {
          id: activationRequestId,
          cell: 'ppe',
          question: `Stand up PPE crisis governance? Criteria met: ${FFP3_CRITERION} (Sandwell, Walsall)`,
          context: expect.any(String),
          options: ['Stand up crisis governance', 'Keep on standby'],
          // The cell's decision timescale is 90 minutes.
          dueAt: '2026-11-20T12:35:00.000Z',
          marking: 'OFFICIAL',
          status: 'open',
          requestedBy: { sub: 'system', name: 'Muster' },
          requestedAt: '2026-11-20T11:05:00.000Z',
          version: 1,
        },
      ]);
      // The report, then the question the system asked because of it, in the same unit of work.
      expect(store.events.map((e) => [e.type, e.actor])).toEqual([
        ['sitrep.submitted', `officer-${SANDWELL}`],
        ['sitrep.submitted', `officer-${WALSALL}`],
        ['decision-request.opened', 'system'],
      ]);
      expect(requestEvents()[0]).toMatchObject({
        cell: 'ppe',
        authorities: [],
        marking: 'OFFICIAL',
        data: { id: activationRequestId, status: 'open', dueAt: '2026-11-20T12:35:00.000Z' },
      });
      expect(store.tables(fakeCells).governanceOf('ppe')).toEqual({ cell: ppeCell(), episodeOpen: true });
    });

    it('names every criterion met, in the cell’s order', async () => {
      await submit(officerOf(SANDWELL), SANDWELL, { ffp3_masks_days: 2, gloves_days: 1 });
      await submit(officerOf(WALSALL), WALSALL, { ffp3_masks_days: 1, gloves_days: 2.5 });
      expect(requests().map((r) => r.question)).toEqual([
        `Stand up PPE crisis governance? Criteria met: ${FFP3_CRITERION} (Sandwell, Walsall); ` +
          'Gloves: under 3 days of supply in two or more authorities (Sandwell, Walsall)',
      ]);
    });

    it('does not ask again while the episode is open: a third authority under the bound adds no request', async () => {
      await ffp3(SANDWELL, 2);
      const { activationRequestId } = await ffp3(WALSALL, 1.5);
      const third = await ffp3(COVENTRY, 1);
      const resubmitted = await ffp3(SANDWELL, 0.5);

      expect(third.activationRequestId).toBeUndefined();
      expect(resubmitted.activationRequestId).toBeUndefined();
      expect(requests().map((r) => r.id)).toEqual([activationRequestId]);
      expect(requestEvents()).toHaveLength(1);
      expect(store.tables(fakeCells).governanceOf('ppe')?.episodeOpen).toBe(true);
    });

    it('closes the episode once the criteria stop holding, and asks anew when they return (a second wave)', async () => {
      await ffp3(SANDWELL, 2);
      const first = await ffp3(WALSALL, 1.5);
      await ffp3(COVENTRY, 1);

      // Resupplied: Sandwell recovers, but Walsall and Coventry still meet the criterion.
      await ffp3(SANDWELL, 10);
      expect(store.tables(fakeCells).governanceOf('ppe')?.episodeOpen).toBe(true);
      // Walsall recovers too: only Coventry is under the bound, so the episode ends.
      await ffp3(WALSALL, 12);
      expect(store.tables(fakeCells).governanceOf('ppe')?.episodeOpen).toBe(false);
      expect(requests()).toHaveLength(1);

      // Next morning. Coventry's 1 day and the others' figures carry forward; Sandwell falls again.
      clock.set('2026-11-21T09:30:00.000Z');
      const second = await ffp3(SANDWELL, 2, TOMORROW);

      expect(second.activationRequestId).toEqual(expect.any(String));
      expect(second.activationRequestId).not.toBe(first.activationRequestId);
      expect(requests().map((r) => [r.id, r.question, r.dueAt])).toEqual([
        [
          first.activationRequestId,
          `Stand up PPE crisis governance? Criteria met: ${FFP3_CRITERION} (Sandwell, Walsall)`,
          '2026-11-20T12:30:00.000Z',
        ],
        [
          second.activationRequestId,
          `Stand up PPE crisis governance? Criteria met: ${FFP3_CRITERION} (Coventry, Sandwell)`,
          '2026-11-21T11:00:00.000Z',
        ],
      ]);
      expect(store.tables(fakeCells).governanceOf('ppe')?.episodeOpen).toBe(true);
    });

    it('locks the cell before reading the day’s picture, so two reports landing together are judged together', async () => {
      await ffp3(SANDWELL, 2);
      await ffp3(WALSALL, 1);
      expect(store.calls).toEqual(['lock ppe', 'window ppe', 'lock ppe', 'window ppe', 'update ppe']);
    });

    it('asks a stood-down cell again when its criteria are met in a new episode', async () => {
      setUp(ppeCell({ status: 'stood-down' }));
      await ffp3(SANDWELL, 2);
      const { activationRequestId } = await ffp3(WALSALL, 1);
      expect(activationRequestId).toEqual(expect.any(String));
      expect(requests()).toHaveLength(1);
    });

    it('asks nothing of an active cell, whose episode stays open so standing down does not ask straight back', async () => {
      setUp(ppeCell({ status: 'active' }));
      await ffp3(SANDWELL, 2);
      const { activationRequestId } = await ffp3(WALSALL, 1);

      expect(activationRequestId).toBeUndefined();
      expect(requests()).toEqual([]);
      expect(requestEvents()).toEqual([]);
      expect(store.tables(fakeCells).governanceOf('ppe')).toEqual({
        cell: ppeCell({ status: 'active' }),
        episodeOpen: true,
      });
    });

    it('does not review the criteria for a report on an earlier day, even when that day met them', async () => {
      await ffp3(SANDWELL, 2, YESTERDAY);
      const late = await ffp3(WALSALL, 1, YESTERDAY);

      expect(late.activationRequestId).toBeUndefined();
      expect(requests()).toEqual([]);
      // The cell is locked for each report's version, but no window of figures is read.
      expect(store.calls).toEqual(['lock ppe', 'lock ppe']);
      expect(store.tables(fakeCells).governanceOf('ppe')?.episodeOpen).toBe(false);
    });

    it('does not close an open episode on a correction to an earlier day', async () => {
      setUp(ppeCell(), true);
      await ffp3(SANDWELL, 20, YESTERDAY);
      expect(store.calls).toEqual(['lock ppe']);
      expect(store.tables(fakeCells).governanceOf('ppe')?.episodeOpen).toBe(true);
    });

    it('decides "today" in the region’s time zone: after midnight BST the new day is today, not the UTC one', async () => {
      // 00:30 on 1 July in London is still 30 June in UTC.
      clock.set('2026-06-30T23:30:00.000Z');
      await ffp3(SANDWELL, 2, '2026-06-30');
      const stillYesterday = await ffp3(WALSALL, 1, '2026-06-30');
      expect(stillYesterday.activationRequestId).toBeUndefined();
      expect(store.calls).toEqual(['lock ppe', 'lock ppe']);

      // The first report for 1 July reviews today's picture, in which the 30 June figures carry forward.
      const today = await ffp3(COVENTRY, 5, '2026-07-01');
      expect(today.activationRequestId).toEqual(expect.any(String));
      expect(requests().map((r) => r.question)).toEqual([
        `Stand up PPE crisis governance? Criteria met: ${FFP3_CRITERION} (Sandwell, Walsall)`,
      ]);
    });

    it('counts figures carried forward from an earlier day, but never a figure the cell does not carry', async () => {
      // The food cell does not carry requests forward: yesterday's breach is not today's.
      const cell = foodCell({
        activationCriteria: [
          {
            description: 'Over 500 requests in two or more',
            figure: 'requests_outstanding',
            above: 500,
            minAuthorities: 2,
          },
        ],
      });
      setUp(ppeCell());
      reference.cellList = [ppeCell(), cell];
      store.tables(fakeCells).hold(cell);
      await submit(officerOf(SANDWELL), SANDWELL, { requests_outstanding: 900 }, { cell: 'food', date: YESTERDAY });
      const today = await submit(officerOf(WALSALL), WALSALL, { requests_outstanding: 700 }, { cell: 'food' });
      expect(today.activationRequestId).toBeUndefined();

      // PPE days of supply do carry: Sandwell's 2 from yesterday and Walsall's 1 today meet the criterion.
      await ffp3(SANDWELL, 2, YESTERDAY);
      const ppe = await ffp3(WALSALL, 1);
      expect(ppe.activationRequestId).toEqual(expect.any(String));
      expect(requests().map((r) => r.cell)).toEqual(['ppe']);
    });

    it('writes the report and the question in one unit of work: if the question cannot be stored, neither is', async () => {
      await ffp3(SANDWELL, 2);
      const before = store.snapshot();
      store.tables(fakeDecisionRequests).failInsert = true;
      await expect(ffp3(WALSALL, 1)).rejects.toThrow('decision request store unavailable');
      expect(store.snapshot()).toEqual(before);
    });

    it('refuses a report to a cell whose row is gone by the time it is locked, storing nothing', async () => {
      store = new FakeStore();
      handler = new SubmitSitrepHandler(reference, new SitrepSubmissions(store, reference, londonRegion, clock));
      await expect(ffp3(SANDWELL, 2)).rejects.toMatchObject({ code: 'not-found' });
      expect(requests()).toEqual([]);
      expect(store.tables(fakeSitreps).sitreps).toEqual([]);
    });
  });

  it('accepts a report from a regional coordinator on an authority’s behalf', async () => {
    const { sitrep } = await submit(regional(), BIRMINGHAM, { gloves_days: 9 });
    expect(sitrep).toMatchObject({ authority: BIRMINGHAM, version: 1, submittedBy: { sub: 'regional-coordinator-1' } });
    expect(store.events.map((e) => e.actor)).toEqual(['regional-coordinator-1']);
  });

  describe('group commit', () => {
    it('writes reports to a cell that arrive together in one unit of work, reviewing the criteria once for them', async () => {
      const [first, ...together] = await Promise.all([ffp3(SANDWELL, 2), ffp3(WALSALL, 1), ffp3(COVENTRY, 5)]);

      // Sandwell's alone, then Walsall's and Coventry's together: the criterion is met by the second batch.
      expect(store.calls).toEqual(['lock ppe', 'window ppe', 'lock ppe', 'window ppe', 'update ppe']);
      expect(first?.activationRequestId).toBeUndefined();
      const asked = requests().map((r) => r.id);
      expect(asked).toHaveLength(1);
      expect(together.map((r) => r.activationRequestId)).toEqual([asked[0], asked[0]]);
      expect(store.tables(fakeSitreps).sitreps.map((s) => [s.authority, s.version])).toEqual([
        [SANDWELL, 1],
        [WALSALL, 1],
        [COVENTRY, 1],
      ]);
    });

    it('gives resubmissions of one report in one batch consecutive versions', async () => {
      await ffp3(SANDWELL, 9);
      const results = await Promise.all([ffp3(WALSALL, 8), ffp3(SANDWELL, 7), ffp3(SANDWELL, 6)]);

      expect(results.map((r) => [r.sitrep.authority, r.sitrep.version])).toEqual([
        [WALSALL, 1],
        [SANDWELL, 2],
        [SANDWELL, 3],
      ]);
    });

    it('refuses a bad report alone: the others arriving with it are stored', async () => {
      const opener = ffp3(BIRMINGHAM, 9);
      const results = await Promise.allSettled([
        ffp3(SANDWELL, 7),
        submit(officerOf(WALSALL), WALSALL, { ffp3_masks_days: -1 }),
        submit(officerOf(WALSALL), COVENTRY, { ffp3_masks_days: 3 }),
        submit(regional(), COVENTRY, { ffp3_masks_days: 6 }),
      ]);
      await opener;

      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect(results[1]).toMatchObject({ reason: { code: 'validation-failed' } });
      expect(results[2]).toMatchObject({ reason: { code: 'forbidden' } });
      expect(store.tables(fakeSitreps).sitreps.map((s) => s.authority)).toEqual([BIRMINGHAM, SANDWELL, COVENTRY]);
      expect(store.events.map((e) => e.authority)).toEqual([BIRMINGHAM, SANDWELL, COVENTRY]);
    });
  });
});
