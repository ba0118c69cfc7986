import { acknowledgeEscalation, escalateEscalation, resolveEscalation } from '../escalations/escalation-rules';
import { climbOnDeadline } from '../escalations/escalation-ladder';
import { Escalation } from '../escalations/escalation';
import { breachedWithin, dayEscalations, escalationAsOf, reportingDayWindow } from './feed-escalations';
import { HOUR, lead, LONDON, plus, raised, regional, rule, SLA } from '@muster/builders';

const DAY = reportingDayWindow('2026-11-22', LONDON);

/** Raised at `at`, high severity (1 h per level), with the ladder left to climb by itself. */
const raisedAt = (at: string, overrides: Partial<Escalation> = {}) => ({ ...raised({}, new Date(at)), ...overrides });
/** The ladder climbs (or marks overdue) by itself: one step, which the test expects to happen. */
const climb = (e: Escalation, at: Date) =>
  rule(climbOnDeadline).given(e).when({ level: e.level, at, sla: SLA }).then([expect.anything()]).state;
const acknowledge = (e: Escalation, at: string) =>
  rule(acknowledgeEscalation)
    .given(e)
    .when({ by: regional(), at: new Date(at) })
    .decided().state;
const resolve = (e: Escalation, at: string, resolution = 'done') =>
  rule(resolveEscalation)
    .given(e)
    .when({ by: regional(), at: new Date(at), resolution })
    .decided().state;

describe('reportingDayWindow', () => {
  it('is local midnight to local midnight: 24 h in November', () => {
    expect(DAY.start.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(DAY.end.toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('is 23 h on the day the clocks go forward and 25 h on the day they go back', () => {
    const spring = reportingDayWindow('2026-03-29', LONDON);
    const autumn = reportingDayWindow('2026-10-25', LONDON);
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * HOUR);
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * HOUR);
    expect(reportingDayWindow('2026-07-01', LONDON).start.toISOString()).toBe('2026-06-30T23:00:00.000Z');
  });
});

describe('escalationAsOf: the escalation as it stood at the end of the day', () => {
  const e = raisedAt('2026-11-22T09:00:00Z');
  const climbed = climb(e, new Date('2026-11-22T10:30:00Z'));
  const acknowledged = acknowledge(climbed, '2026-11-23T08:00:00Z');

  it('given a later acknowledgement, then the day still ends with it open at regional', () => {
    expect(escalationAsOf(acknowledged, DAY.end)).toMatchObject({ level: 'regional', status: 'open', overdue: false });
    expect(escalationAsOf(acknowledged, new Date('2026-11-24T00:00:00Z'))).toMatchObject({
      level: 'regional',
      status: 'acknowledged',
    });
  });

  it('given it was raised after the end, then it did not exist yet', () => {
    expect(escalationAsOf(e, new Date('2026-11-22T09:00:00Z'))).toBeUndefined();
  });

  it('carries what a reader needs and nothing about who raised it', () => {
    expect(escalationAsOf(e, DAY.end)).toEqual({
      id: e.id,
      title: e.title,
      level: 'cell',
      status: 'open',
      overdue: false,
      raisedAt: e.raisedAt,
      marking: 'OFFICIAL',
      authority: e.authority,
    });
  });

  it('given the top of the ladder passed its deadline, then it is overdue until resolved', () => {
    const national = climb(climb(climbed, new Date('2026-11-22T11:31:00Z')), new Date('2026-11-22T12:32:00Z'));
    expect(national.overdue).toBe(true);
    expect(escalationAsOf(national, DAY.end)).toMatchObject({ level: 'national', overdue: true, status: 'open' });
    const resolved = resolve(national, '2026-11-22T15:00:00Z', 'sorted');
    expect(escalationAsOf(resolved, DAY.end)).toMatchObject({ status: 'resolved', overdue: true });
  });
});

describe('breachedWithin', () => {
  it('counts a climb by the system or an overdue mark in the day, not a climb by hand', () => {
    const e = raisedAt('2026-11-21T09:00:00Z');
    const byHand = rule(escalateEscalation)
      .given(e)
      .when({ by: lead(), at: new Date('2026-11-22T09:10:00Z'), reason: 'need regional help', sla: SLA })
      .decided().state;
    expect(breachedWithin(byHand, DAY)).toBe(false);
    const bySystem = climb(e, new Date('2026-11-22T09:10:00Z'));
    expect(breachedWithin(bySystem, DAY)).toBe(true);
    expect(breachedWithin(bySystem, reportingDayWindow('2026-11-21', LONDON))).toBe(false);
  });
});

describe('dayEscalations: each candidate sorted into its cell’s lists by its own history', () => {
  const openedToday = raisedAt('2026-11-22T08:00:00Z', { id: 'opened-today' });
  const openedAndResolved = resolve(
    raisedAt('2026-11-22T08:30:00Z', { id: 'opened-resolved' }),
    '2026-11-22T12:00:00Z',
  );
  const oldOpen = raisedAt('2026-11-10T08:00:00Z', { id: 'old-open', cell: 'food' });
  const breachedThenResolved = resolve(
    climb(raisedAt('2026-11-21T22:30:00Z', { id: 'breached-resolved' }), new Date('2026-11-22T01:00:00Z')),
    '2026-11-22T03:00:00Z',
  );
  const stillOverdue = {
    ...climb(
      climb(
        climb(raisedAt('2026-11-15T08:00:00Z', { id: 'overdue' }), plus('2026-11-15T09:00:00Z', 1)),
        plus('2026-11-15T10:00:00Z', 2),
      ),
      plus('2026-11-15T11:00:00Z', 3),
    ),
  };
  const raisedTomorrow = raisedAt('2026-11-23T08:00:00Z', { id: 'tomorrow' });

  const lists = dayEscalations(
    [openedToday, openedAndResolved, oldOpen, breachedThenResolved, stillOverdue, raisedTomorrow],
    DAY,
  );
  const ids = (list: ReadonlyArray<{ id: string }> | undefined) => (list ?? []).map((e) => e.id).sort();

  it('opened: raised within the day, even if resolved by its end', () => {
    expect(ids(lists.get('ppe')?.opened)).toEqual(['opened-resolved', 'opened-today']);
  });

  it('open: not resolved at the end of the day, however old', () => {
    expect(ids(lists.get('ppe')?.open)).toEqual(['opened-today', 'overdue']);
    expect(ids(lists.get('food')?.open)).toEqual(['old-open']);
  });

  it('breached: the ladder acted that day, or it is still overdue at the end of it', () => {
    expect(ids(lists.get('ppe')?.breached)).toEqual(['breached-resolved', 'overdue']);
  });

  it('leaves out what had not happened yet', () => {
    const all = [...lists.values()].flatMap((l) => [...l.opened, ...l.open, ...l.breached]);
    expect(all.map((e) => e.id)).not.toContain('tomorrow');
  });
});
