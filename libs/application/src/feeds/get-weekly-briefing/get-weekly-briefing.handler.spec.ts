import { GetWeeklyBriefing } from './get-weekly-briefing.query';
import { GetWeeklyBriefingHandler } from './get-weekly-briefing.handler';
import { BIRMINGHAM, escalationRaised, outcomeOf, person, report } from '@muster/builders';
import { FakeAccessAudit, feedHarness } from '@muster/doubles';

describe('GetWeeklyBriefingHandler', () => {
  async function week47() {
    const h = feedHarness('2026-11-23T07:30:00.000Z');
    // Monday 16 to Sunday 22 November 2026 is 2026-W47; three days published, the 18th twice.
    h.sitreps.sitreps.push(
      report(BIRMINGHAM, '2026-11-16', { stock_days: 9 }),
      report(BIRMINGHAM, '2026-11-18', { stock_days: 6 }),
      report(BIRMINGHAM, '2026-11-20', { stock_days: 2 }),
    );
    h.source.escalations = [escalationRaised('secret', '2026-11-18T09:00:00.000Z', { marking: 'OFFICIAL-SENSITIVE' })];
    const now = h.clock.now();
    for (const date of ['2026-11-16', '2026-11-18', '2026-11-18', '2026-11-20'])
      await h.publisher.publish(date, 'system', now, () => undefined);
    return new GetWeeklyBriefingHandler(h.feeds, new FakeAccessAudit());
  }

  it('rolls the week’s latest daily feeds up per cell', async () => {
    const handler = await week47();
    const briefing = await handler.execute(new GetWeeklyBriefing(person('mayors-office'), '2026-W47'));
    expect(briefing.days[0]).toBe('2026-11-16');
    const ppe = briefing.cells.find((c) => c.slug === 'ppe');
    expect(ppe?.figures.find((f) => f.key === 'stock_days')).toMatchObject({
      series: [9, null, 6, null, 2, null, null],
      trend: 'down',
    });
    expect(ppe?.ragChanges.map((c) => [c.date, c.to])).toEqual([
      ['2026-11-18', 'amber'],
      ['2026-11-20', 'red'],
    ]);
  });

  it('shows a reader nothing their daily feeds would not', async () => {
    const handler = await week47();
    const uncleared = await handler.execute(
      new GetWeeklyBriefing(person('mayors-office', { clearance: 'OFFICIAL-SENSITIVE' }), '2026-W47'),
    );
    expect(uncleared.cells.find((c) => c.slug === 'ppe')?.escalations.opened).toBe(0);
    const cleared = await handler.execute(
      new GetWeeklyBriefing(person('regional-coordinator', { clearance: 'OFFICIAL-SENSITIVE' }), '2026-W47'),
    );
    expect(cleared.cells.find((c) => c.slug === 'ppe')?.escalations.opened).toBe(1);
  });

  it('400 for a week that is not one, 404 for a week without any daily feed, 403 for who may not read feeds', async () => {
    const handler = await week47();
    expect(await outcomeOf(handler.execute(new GetWeeklyBriefing(person('mayors-office'), '2026-W54')))).toBe(
      'validation-failed',
    );
    expect(await outcomeOf(handler.execute(new GetWeeklyBriefing(person('mayors-office'), '2026-W46')))).toBe(
      'not-found',
    );
    expect(await outcomeOf(handler.execute(new GetWeeklyBriefing(person('authority-officer'), '2026-W47')))).toBe(
      'forbidden',
    );
  });
});
