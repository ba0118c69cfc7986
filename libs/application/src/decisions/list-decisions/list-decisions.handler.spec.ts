import type { DecisionInput, Principal } from '@muster/domain';
import { AmendDecision } from '../amend-decision/amend-decision.command';
import { AmendDecisionHandler } from '../amend-decision/amend-decision.handler';
import { LogDecision } from '../log-decision/log-decision.command';
import { DecisionLogAppender } from '../log-appender';
import { LogDecisionHandler } from '../log-decision/log-decision.handler';
import { ListDecisions } from './list-decisions.query';
import { ListDecisionsHandler } from './list-decisions.handler';
import { FakeAccessAudit, FakeClock, fakeDecisionLog, FakeReference, FakeStore } from '@muster/doubles';
import { BIRMINGHAM, COVENTRY, decisionInput, person } from '@muster/builders';

const cleared = person('regional-coordinator', { sub: 'r', clearance: 'OFFICIAL-SENSITIVE' });
const input = (marking: DecisionInput['marking'], authorities: string[]): DecisionInput =>
  decisionInput({ title: `${marking} for ${authorities.join(',')}`, marking, authorities });

describe('ListDecisionsHandler', () => {
  const reference = new FakeReference();
  const store = new FakeStore();
  const audit = new FakeAccessAudit();
  const list = new ListDecisionsHandler(reference, store.tables(fakeDecisionLog).reader(), audit);
  beforeEach(() => audit.calls.splice(0));

  beforeAll(async () => {
    const clock = new FakeClock(new Date('2026-11-22T10:01:00.000Z'));
    const log = new LogDecisionHandler(reference, new DecisionLogAppender(store, clock));
    await log.execute(new LogDecision(cleared, 'ppe', input('OFFICIAL', [])));
    await log.execute(new LogDecision(cleared, 'ppe', input('OFFICIAL-SENSITIVE', [BIRMINGHAM])));
    await log.execute(new LogDecision(cleared, 'ppe', input('OFFICIAL-SENSITIVE', [COVENTRY])));
    await log.execute(new LogDecision(cleared, 'ppe', input('OFFICIAL', [COVENTRY])));
  });

  const sequencesFor = async (who: Principal, after = 0, limit = 50) =>
    (await list.execute(new ListDecisions(who, 'ppe', after, limit))).items.map((i) => i.sequence);

  it('shows everything to a cleared regional coordinator', async () => {
    expect(await sequencesFor(cleared)).toEqual([1, 2, 3, 4]);
  });

  it('hides every sensitive entry from an officer without clearance', async () => {
    const officer = person('authority-officer', { sub: 'o', authority: BIRMINGHAM });
    expect(await sequencesFor(officer)).toEqual([1, 4]);
  });

  it('shows a cleared officer only the sensitive entries of their authority', async () => {
    const officer = person('authority-officer', { sub: 'o', authority: BIRMINGHAM, clearance: 'OFFICIAL-SENSITIVE' });
    expect(await sequencesFor(officer)).toEqual([1, 2, 4]);
  });

  it('filters before it limits: hidden entries take no room on a page, and nextAfter is always an entry the reader sees', async () => {
    const officer = person('authority-officer', { sub: 'o', authority: BIRMINGHAM });
    const first = await list.execute(new ListDecisions(officer, 'ppe', 0, 2));
    expect(first.items.map((i) => i.sequence)).toEqual([1, 4]);
    expect(first.nextAfter).toBeNull();
    const one = await list.execute(new ListDecisions(officer, 'ppe', 0, 1));
    expect([one.items.map((i) => i.sequence), one.nextAfter]).toEqual([[1], 1]);
    const next = await list.execute(new ListDecisions(officer, 'ppe', 1, 1));
    expect([next.items.map((i) => i.sequence), next.nextAfter]).toEqual([[4], null]);
  });

  it('answers a page past the last entry a reader may see as the end, however many hidden entries follow it', async () => {
    const officer = person('authority-officer', { sub: 'o', authority: COVENTRY, clearance: 'OFFICIAL-SENSITIVE' });
    // Entry 3 is sensitive for E08000026 (visible to this officer); entry 2 is another authority's.
    expect(await sequencesFor(officer)).toEqual([1, 3, 4]);
    const uncleared = person('authority-officer', { sub: 'u', authority: BIRMINGHAM });
    expect(await list.execute(new ListDecisions(uncleared, 'ppe', 1, 1))).toMatchObject({ nextAfter: null });
    expect(await list.execute(new ListDecisions(uncleared, 'ppe', 4, 1))).toEqual({ items: [], nextAfter: null });
  });

  it('audits only the sensitive entries returned, in one call per request', async () => {
    const officer = person('authority-officer', { sub: 'o', authority: BIRMINGHAM, clearance: 'OFFICIAL-SENSITIVE' });
    await sequencesFor(officer);
    expect(audit.calls).toHaveLength(1);
    expect(audit.calls[0]?.entries.map((e) => [e.action, e.itemType, e.cell, e.marking])).toEqual([
      ['decision.list', 'decision', 'ppe', 'OFFICIAL-SENSITIVE'],
    ]);
  });

  it('records nothing for a reader shown no sensitive entry', async () => {
    await sequencesFor(person('authority-officer', { sub: 'o', authority: BIRMINGHAM }));
    expect(audit.calls).toEqual([]);
  });

  it('refuses a member of another cell', async () => {
    const member = person('cell-member', { sub: 'm', cells: ['food'] });
    await expect(list.execute(new ListDecisions(member, 'ppe', 0, 50))).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('ListDecisionsHandler on amended decisions', () => {
  const reference = new FakeReference();
  const store = new FakeStore();
  const audit = new FakeAccessAudit();
  const reader = store.tables(fakeDecisionLog).reader();
  const list = new ListDecisionsHandler(reference, reader, audit);
  const ids: string[] = [];
  beforeEach(() => audit.calls.splice(0));

  beforeAll(async () => {
    const clock = new FakeClock(new Date('2026-11-22T10:01:00.000Z'));
    const appender = new DecisionLogAppender(store, clock);
    const log = new LogDecisionHandler(reference, appender);
    const amend = new AmendDecisionHandler(reference, reader, appender);
    ids.push((await log.execute(new LogDecision(cleared, 'ppe', input('OFFICIAL', [])))).id);
    ids.push((await log.execute(new LogDecision(cleared, 'ppe', input('OFFICIAL-SENSITIVE', [BIRMINGHAM])))).id);
    await log.execute(new LogDecision(cleared, 'ppe', input('OFFICIAL', [COVENTRY])));
    const [first = '', second = ''] = ids;
    await amend.execute(new AmendDecision(cleared, 'ppe', first, { reason: 'typo', changes: { title: 'Corrected' } }));
    await amend.execute(
      new AmendDecision(cleared, 'ppe', second, { reason: 'typo', changes: { title: 'Secret, fixed' } }),
    );
    await amend.execute(
      new AmendDecision(cleared, 'ppe', first, { reason: 'more', changes: { rationale: 'Because' } }),
    );
  });

  it('flags each amended decision with its amendments and shows it as it reads now beside the original', async () => {
    const page = await list.execute(new ListDecisions(cleared, 'ppe', 0, 50));
    expect(
      page.items.map((item) =>
        item.kind === 'decision'
          ? [item.sequence, item.title, item.rationale, item.amendedBy, item.current?.title, item.current?.rationale]
          : [item.sequence, 'amends', item.amends],
      ),
    ).toEqual([
      [1, 'OFFICIAL for ', 'Both below three days of supply', [4, 6], 'Corrected', 'Because'],
      [
        2,
        'OFFICIAL-SENSITIVE for E08000025',
        'Both below three days of supply',
        [5],
        'Secret, fixed',
        'Both below three days of supply',
      ],
      [3, 'OFFICIAL for E08000026', 'Both below three days of supply', undefined, undefined, undefined],
      [4, 'amends', ids[0]],
      [5, 'amends', ids[1]],
      [6, 'amends', ids[0]],
    ]);
    expect(Object.keys(page.items[2] ?? {})).not.toContain('amendedBy');
    expect(Object.keys(page.items[2] ?? {})).not.toContain('current');
  });

  it('finds amendments beyond the page, and only those the reader may see', async () => {
    const first = await list.execute(new ListDecisions(cleared, 'ppe', 0, 1));
    expect(first.items.map((item) => item.kind === 'decision' && item.amendedBy)).toEqual([[4, 6]]);
    const officer = person('authority-officer', { sub: 'o', authority: COVENTRY });
    const seen = await list.execute(new ListDecisions(officer, 'ppe', 0, 50));
    expect(seen.items.map((item) => [item.sequence, item.kind === 'decision' ? item.amendedBy : 'amendment'])).toEqual([
      [1, [4, 6]],
      [3, undefined],
      [4, 'amendment'],
      [6, 'amendment'],
    ]);
  });

  it('audits the sensitive amendments whose changes the current reading shows, even off the page', async () => {
    await list.execute(new ListDecisions(cleared, 'ppe', 1, 1));
    expect(audit.calls).toHaveLength(1);
    expect(audit.calls[0]?.entries.map((e) => [e.action, e.marking])).toEqual([
      ['decision.list', 'OFFICIAL-SENSITIVE'],
      ['decision.list', 'OFFICIAL-SENSITIVE'],
    ]);
  });
});
