import { FakeClock } from '@muster/doubles';
import { Escalation, Level, LEVELS, SEVERITIES } from './escalation';
import { climbOnDeadline, pendingTimer } from './escalation-ladder';
import { acknowledgeEscalation, escalateEscalation, resolveEscalation } from './escalation-rules';
import { atLevel, frozen, HOUR, lead, must, plus, raised, RAISED_AT, regional, SLA } from '@muster/builders';

const holderAt = (level: Level) => (level === 'cell' ? lead() : regional());

/** Every timer a worker could still hold for this escalation, fired at `at`. */
function anyTimerFires(e: Escalation, at: Date) {
  return LEVELS.map((level) => climbOnDeadline(e, level, at, SLA));
}

describe.each(SEVERITIES)('the escalation ladder for a %s escalation', (severity) => {
  const sla = SLA[severity];

  it('climbs cell → regional → national → overdue by itself, exactly once per level', () => {
    // Given an escalation raised at the cell
    const clock = new FakeClock(RAISED_AT);
    const e0 = frozen(raised({ severity }, clock.now()));
    expect(e0.ackDueAt).toBe(plus(RAISED_AT, sla).toISOString());
    expect(pendingTimer(e0)).toEqual({ level: 'cell', dueAt: plus(RAISED_AT, sla).toISOString() });

    // When the cell's timer fires a moment early, then nothing happens
    clock.advance(sla - 1);
    expect(climbOnDeadline(e0, 'cell', clock.now(), SLA)).toBeUndefined();

    // When it fires at the deadline, then it climbs to regional with a fresh deadline
    clock.advance(1);
    const toRegional = must(climbOnDeadline(e0, 'cell', clock.now(), SLA));
    const e1 = frozen(toRegional.escalation);
    expect(e1).toMatchObject({ level: 'regional', status: 'open', overdue: false, version: 2 });
    expect(e1.ackDueAt).toBe(plus(clock.now(), sla).toISOString());
    expect(e1.history.at(-1)).toEqual({
      step: 'escalated',
      at: clock.now().toISOString(),
      actor: 'system',
      from: 'cell',
      level: 'regional',
      ackDueAt: e1.ackDueAt,
      reason: `not acknowledged by ${e0.ackDueAt}`,
    });
    expect(toRegional.event.type).toBe('escalation.escalated');
    expect(toRegional.event.data).toMatchObject({ level: 'regional', from: 'cell', actor: 'system' });

    // When the cell's timer fires again (a retry, a duplicate), then it is stale
    expect(climbOnDeadline(e1, 'cell', clock.now(), SLA)).toBeUndefined();
    expect(climbOnDeadline(e1, 'cell', plus(clock.now(), 10 * sla), SLA)).toBeUndefined();

    // When the regional timer fires early, then nothing; at its deadline, national
    expect(climbOnDeadline(e1, 'regional', plus(clock.now(), sla - 1), SLA)).toBeUndefined();
    clock.advance(sla);
    const toNational = must(climbOnDeadline(e1, 'regional', clock.now(), SLA));
    const e2 = frozen(toNational.escalation);
    expect(e2).toMatchObject({ level: 'national', status: 'open', overdue: false, version: 3 });
    expect(e2.ackDueAt).toBe(plus(clock.now(), sla).toISOString());
    expect(climbOnDeadline(e2, 'regional', plus(clock.now(), 10 * sla), SLA)).toBeUndefined();

    // When national's deadline passes, then it stays at national, marked overdue
    expect(climbOnDeadline(e2, 'national', plus(clock.now(), sla - 1), SLA)).toBeUndefined();
    clock.advance(sla);
    const overdue = must(climbOnDeadline(e2, 'national', clock.now(), SLA));
    const e3 = frozen(overdue.escalation);
    expect(e3).toMatchObject({ level: 'national', status: 'open', overdue: true, ackDueAt: null, version: 4 });
    expect(e3.history.at(-1)).toEqual({ step: 'overdue', at: clock.now().toISOString(), actor: 'system', level: 'national' });
    expect(overdue.event.type).toBe('escalation.overdue');
    expect(overdue.event.data).toMatchObject({ overdue: true, ackDueAt: null, level: 'national', actor: 'system' });

    // Then nothing more ever happens by itself
    expect(pendingTimer(e3)).toBeUndefined();
    for (const later of [clock.now(), plus(clock.now(), sla), plus(clock.now(), 1000 * HOUR)]) {
      expect(anyTimerFires(e3, later)).toEqual([undefined, undefined, undefined]);
    }
    expect(e3.history.map((s) => s.step)).toEqual(['raised', 'escalated', 'escalated', 'overdue']);
  });

  it('climbs only one level when a timer fires long after its deadline', () => {
    const e = raised({ severity });
    const late = plus(RAISED_AT, 50 * sla);
    const { escalation } = must(climbOnDeadline(e, 'cell', late, SLA));
    expect(escalation.level).toBe('regional');
    expect(escalation.ackDueAt).toBe(plus(late, sla).toISOString());
  });

  it.each(LEVELS)('stops climbing once acknowledged at %s', (level) => {
    // Given an open escalation at this level, acknowledged by its holder before the deadline
    const e = frozen(atLevel(level, { severity, ackDueAt: plus(RAISED_AT, sla).toISOString() }));
    const { escalation: acked } = acknowledgeEscalation(e, holderAt(level), 'on it', plus(RAISED_AT, sla / 2));
    // Then no timer does anything, however late it fires
    expect(pendingTimer(acked)).toBeUndefined();
    for (const at of [plus(RAISED_AT, sla), plus(RAISED_AT, 100 * sla)]) {
      expect(anyTimerFires(acked, at)).toEqual([undefined, undefined, undefined]);
    }
  });

  it.each(LEVELS)('stops everything once resolved at %s', (level) => {
    const e = atLevel(level, { severity, ackDueAt: plus(RAISED_AT, sla).toISOString() });
    const { escalation: resolved } = resolveEscalation(e, regional(), 'stock arrived', plus(RAISED_AT, 1));
    expect(pendingTimer(resolved)).toBeUndefined();
    expect(anyTimerFires(resolved, plus(RAISED_AT, 100 * sla))).toEqual([undefined, undefined, undefined]);
  });

  it('restarts the clock at the next level when escalated by hand, even after an acknowledgement', () => {
    // Given an escalation the cell acknowledged
    const { escalation: acked } = acknowledgeEscalation(raised({ severity }), lead(), undefined, plus(RAISED_AT, 1000));
    // When the lead escalates it by hand later
    const at = plus(RAISED_AT, 3 * sla);
    const { escalation: up } = escalateEscalation(acked, lead(), 'needs mutual aid', at, SLA);
    // Then it is open at regional with a fresh deadline and only that timer
    expect(up).toMatchObject({ level: 'regional', status: 'open', overdue: false });
    expect(pendingTimer(up)).toEqual({ level: 'regional', dueAt: plus(at, sla).toISOString() });
    expect(climbOnDeadline(up, 'cell', plus(at, 10 * sla), SLA)).toBeUndefined();
    expect(climbOnDeadline(up, 'regional', plus(at, sla - 1), SLA)).toBeUndefined();
    expect(must(climbOnDeadline(up, 'regional', plus(at, sla), SLA)).escalation.level).toBe('national');
  });
});

describe('pendingTimer', () => {
  it('is the current level and deadline while open and not overdue', () => {
    const e = raised();
    expect(pendingTimer(e)).toEqual({ level: 'cell', dueAt: e.ackDueAt });
  });

  it('is undefined when acknowledged, resolved, overdue or without a deadline', () => {
    expect(pendingTimer(atLevel('cell', { status: 'acknowledged' }))).toBeUndefined();
    expect(pendingTimer(atLevel('cell', { status: 'resolved' }))).toBeUndefined();
    expect(pendingTimer(atLevel('national', { overdue: true }))).toBeUndefined();
    expect(pendingTimer(atLevel('cell', { ackDueAt: null }))).toBeUndefined();
  });
});
