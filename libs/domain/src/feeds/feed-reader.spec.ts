import { canSee } from '../access/policy';
import { Principal } from '../access/principal';
import { DailyFeed, forReader } from './daily-feed';
import {
  BIRMINGHAM,
  cellInput,
  COVENTRY,
  feed,
  feedDecision,
  feedEscalation,
  person,
  tinyCell,
} from '@muster/builders';

const SENSITIVE = 'OFFICIAL-SENSITIVE' as const;

/** A day with an OFFICIAL and a sensitive item in every list, in two cells. */
function mixedFeed(): DailyFeed {
  const official = feedEscalation({ id: 'e-official', authority: BIRMINGHAM });
  const secret = feedEscalation({
    id: 'e-sensitive',
    authority: COVENTRY,
    marking: SENSITIVE,
    overdue: true,
    title: 'Safeguarding at a named hotel',
  });
  const secretOld = feedEscalation({
    id: 'e-sensitive-old',
    authority: COVENTRY,
    marking: SENSITIVE,
    raisedAt: '2026-11-10T09:00:00Z',
  });
  return feed('2026-11-20', [
    cellInput(
      tinyCell({ slug: 'ppe', name: 'PPE' }),
      { [BIRMINGHAM]: { stock_days: 2 } },
      {},
      {
        head: { sequence: 7, hash: '7'.repeat(64) },
        escalations: { opened: [official, secret], open: [official, secret, secretOld], breached: [secret] },
        decisions: [
          feedDecision({ id: 'd-official', sequence: 1 }),
          feedDecision({
            id: 'd-sensitive',
            sequence: 2,
            marking: SENSITIVE,
            authorities: [COVENTRY],
            title: 'Move residents of a named home',
          }),
        ],
      },
    ),
    cellInput(
      tinyCell({ slug: 'food', name: 'Food' }),
      {},
      {},
      {
        head: { sequence: 3, hash: '3'.repeat(64) },
        escalations: { opened: [], open: [feedEscalation({ id: 'f-sensitive', marking: SENSITIVE })], breached: [] },
      },
    ),
  ]);
}

const readerFor = (p: Principal) => (item: Parameters<typeof canSee>[1]) => canSee(p, item);
const ids = (f: DailyFeed) =>
  f.cells.flatMap((c) => [...c.escalations.items.map((i) => i.id), ...c.decisions.map((d) => d.id)]);

describe('forReader', () => {
  const full = mixedFeed();

  it('given the full feed, then it holds every item (the stored version, never served as is)', () => {
    expect(ids(full)).toEqual([
      'e-sensitive-old',
      'e-official',
      'e-sensitive',
      'd-official',
      'd-sensitive',
      'f-sensitive',
    ]);
    expect(full.cells[0]?.escalations).toMatchObject({ opened: 2, open: 3, breached: 1 });
  });

  describe('given the mayor’s office, uncleared', () => {
    const served = forReader(full, readerFor(person('mayors-office')));

    it('then no sensitive item is left', () => {
      expect(ids(served)).toEqual(['e-official', 'd-official']);
      expect(JSON.stringify(served)).not.toContain(SENSITIVE);
      expect(JSON.stringify(served)).not.toContain('named');
    });

    it('then the counts are recounted from what it may see, so nothing hidden shows through them', () => {
      expect(served.cells[0]?.escalations).toMatchObject({ opened: 1, open: 1, breached: 0 });
      expect(served.cells[1]?.escalations).toEqual({ opened: 0, open: 0, breached: 0, items: [] });
    });

    it('then everything else is untouched: figures, RAGs, staleness, the heads’ hashes', () => {
      const strip = (f: DailyFeed) =>
        f.cells.map(({ escalations: _e, decisions: _d, head, ...rest }) => ({ ...rest, hash: head.hash }));
      expect(strip(served)).toEqual(strip(full));
      expect(served.date).toBe(full.date);
    });

    it('then each head keeps its hash but not its sequence: the log’s length would count the entries it may not see', () => {
      expect(full.cells.map((c) => c.head.sequence)).toEqual([7, 3]);
      expect(served.cells.map((c) => c.head)).toEqual(full.cells.map((c) => ({ sequence: null, hash: c.head.hash })));
    });
  });

  it('gives the head’s sequence only for the cells whose every entry the reader may see', () => {
    const heads = (p: Principal) => forReader(full, readerFor(p)).cells.map((c) => c.head.sequence);
    expect(heads(person('regional-coordinator', { clearance: SENSITIVE }))).toEqual([7, 3]);
    expect(heads(person('cell-lead', { cells: ['ppe'], clearance: SENSITIVE }))).toEqual([7, null]);
    // An officer sees the sensitive entries of their authority only: never the whole of a log.
    expect(heads(person('authority-officer', { authority: COVENTRY, clearance: SENSITIVE }))).toEqual([null, null]);
    expect(heads(person('mayors-office', { clearance: SENSITIVE }))).toEqual([null, null]);
  });

  it('given the mayor’s office cleared, then still no sensitive item (no need to know)', () => {
    const served = forReader(full, readerFor(person('mayors-office', { clearance: SENSITIVE })));
    expect(ids(served)).toEqual(['e-official', 'd-official']);
  });

  it('given a cleared regional coordinator, then everything', () => {
    const served = forReader(full, readerFor(person('regional-coordinator', { clearance: SENSITIVE })));
    expect(ids(served)).toEqual(ids(full));
    expect(served.cells[0]?.escalations).toMatchObject({ opened: 2, open: 3, breached: 1 });
  });

  it('given a cleared lead of the PPE cell, then the PPE cell’s sensitive items but not the food cell’s', () => {
    const served = forReader(full, readerFor(person('cell-lead', { cells: ['ppe'], clearance: SENSITIVE })));
    expect(ids(served)).toEqual(['e-sensitive-old', 'e-official', 'e-sensitive', 'd-official', 'd-sensitive']);
  });

  it('leaves the stored feed as it was', () => {
    const before = JSON.stringify(full);
    forReader(full, () => false);
    expect(JSON.stringify(full)).toBe(before);
  });
});
