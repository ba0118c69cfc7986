import { Escalation, Level, LEVELS, SEVERITIES } from './escalation';
import { climbOnDeadline, pendingTimer } from './escalation-ladder';
import { acknowledgeEscalation, escalateEscalation, resolveEscalation } from './escalation-rules';
import { atLevel, HOUR, lead, plus, raised, RAISED_AT, regional, rule, SLA } from '@muster/builders';

const climb = rule(climbOnDeadline);
const holderAt = (level: Level) => (level === 'cell' ? lead() : regional());

/** Every timer a worker could still hold for this escalation, fired at `at`, changes nothing. */
function noTimerActs(e: Escalation, at: Date): void {
  for (const level of LEVELS) climb.given(e).when({ level, at, sla: SLA }).thenNothing();
}

describe.each(SEVERITIES)('the escalation ladder for a %s escalation', (severity) => {
  const sla = SLA[severity];

  it('climbs cell → regional → national → overdue by itself, exactly once per level', () => {
    // Given an escalation raised at the cell
    const e0 = raised({ severity }, RAISED_AT);
    expect(e0.ackDueAt).toBe(plus(RAISED_AT, sla).toISOString());
    expect(pendingTimer(e0)).toEqual({ level: 'cell', dueAt: plus(RAISED_AT, sla).toISOString() });

    // When the cell's timer fires a moment early, then nothing happens
    climb
      .given(e0)
      .when({ level: 'cell', at: plus(RAISED_AT, sla - 1), sla: SLA })
      .thenNothing();

    // When it fires at the deadline, then it climbs to regional with a fresh deadline
    const t1 = plus(RAISED_AT, sla);
    const { state: e1 } = climb
      .given(e0)
      .when({ level: 'cell', at: t1, sla: SLA })
      .then([
        expect.objectContaining({
          type: 'escalation.escalated',
          data: expect.objectContaining({ level: 'regional', from: 'cell', actor: 'system' }),
        }),
      ]);
    expect(e1).toMatchObject({ level: 'regional', status: 'open', overdue: false, version: 2 });
    expect(e1.ackDueAt).toBe(plus(t1, sla).toISOString());
    expect(e1.history.at(-1)).toEqual({
      step: 'escalated',
      at: t1.toISOString(),
      actor: 'system',
      from: 'cell',
      level: 'regional',
      ackDueAt: e1.ackDueAt,
      reason: `not acknowledged by ${String(e0.ackDueAt)}`,
    });

    // When the cell's timer fires again (a retry, a duplicate), then it is stale
    climb.given(e1).when({ level: 'cell', at: t1, sla: SLA }).thenNothing();
    climb
      .given(e1)
      .when({ level: 'cell', at: plus(t1, 10 * sla), sla: SLA })
      .thenNothing();

    // When the regional timer fires early, then nothing; at its deadline, national
    climb
      .given(e1)
      .when({ level: 'regional', at: plus(t1, sla - 1), sla: SLA })
      .thenNothing();
    const t2 = plus(t1, sla);
    const { state: e2 } = climb
      .given(e1)
      .when({ level: 'regional', at: t2, sla: SLA })
      .then([expect.objectContaining({ type: 'escalation.escalated' })]);
    expect(e2).toMatchObject({ level: 'national', status: 'open', overdue: false, version: 3 });
    expect(e2.ackDueAt).toBe(plus(t2, sla).toISOString());
    climb
      .given(e2)
      .when({ level: 'regional', at: plus(t2, 10 * sla), sla: SLA })
      .thenNothing();

    // When national's deadline passes, then it stays at national, marked overdue
    climb
      .given(e2)
      .when({ level: 'national', at: plus(t2, sla - 1), sla: SLA })
      .thenNothing();
    const t3 = plus(t2, sla);
    const { state: e3 } = climb
      .given(e2)
      .when({ level: 'national', at: t3, sla: SLA })
      .then([
        expect.objectContaining({
          type: 'escalation.overdue',
          data: expect.objectContaining({ overdue: true, ackDueAt: null, level: 'national', actor: 'system' }),
        }),
      ]);
    expect(e3).toMatchObject({ level: 'national', status: 'open', overdue: true, ackDueAt: null, version: 4 });
    expect(e3.history.at(-1)).toEqual({ step: 'overdue', at: t3.toISOString(), actor: 'system', level: 'national' });

    // Then nothing more ever happens by itself
    expect(pendingTimer(e3)).toBeUndefined();
    for (const later of [t3, plus(t3, sla), plus(t3, 1000 * HOUR)]) noTimerActs(e3, later);
    expect(e3.history.map((s) => s.step)).toEqual(['raised', 'escalated', 'escalated', 'overdue']);
  });

  it('climbs only one level when a timer fires long after its deadline', () => {
    const late = plus(RAISED_AT, 50 * sla);
    const { state } = climb.given(raised({ severity })).when({ level: 'cell', at: late, sla: SLA }).decided();
    expect(state.level).toBe('regional');
    expect(state.ackDueAt).toBe(plus(late, sla).toISOString());
  });

  it.each(LEVELS)('stops climbing once acknowledged at %s', (level) => {
    // Given an open escalation at this level, acknowledged by its holder before the deadline
    const e = atLevel(level, { severity, ackDueAt: plus(RAISED_AT, sla).toISOString() });
    const { state: acked } = rule(acknowledgeEscalation)
      .given(e)
      .when({ by: holderAt(level), at: plus(RAISED_AT, sla / 2), note: 'on it' })
      .decided();
    // Then no timer does anything, however late it fires
    expect(pendingTimer(acked)).toBeUndefined();
    for (const at of [plus(RAISED_AT, sla), plus(RAISED_AT, 100 * sla)]) noTimerActs(acked, at);
  });

  it.each(LEVELS)('stops everything once resolved at %s', (level) => {
    const e = atLevel(level, { severity, ackDueAt: plus(RAISED_AT, sla).toISOString() });
    const { state: resolved } = rule(resolveEscalation)
      .given(e)
      .when({ by: regional(), at: plus(RAISED_AT, 1), resolution: 'stock arrived' })
      .decided();
    expect(pendingTimer(resolved)).toBeUndefined();
    noTimerActs(resolved, plus(RAISED_AT, 100 * sla));
  });

  it('restarts the clock at the next level when escalated by hand, even after an acknowledgement', () => {
    // Given an escalation the cell acknowledged
    const { state: acked } = rule(acknowledgeEscalation)
      .given(raised({ severity }))
      .when({ by: lead(), at: plus(RAISED_AT, 1000) })
      .decided();
    // When the lead escalates it by hand later
    const at = plus(RAISED_AT, 3 * sla);
    const { state: up } = rule(escalateEscalation)
      .given(acked)
      .when({ by: lead(), at, reason: 'needs mutual aid', sla: SLA })
      .decided();
    // Then it is open at regional with a fresh deadline and only that timer
    expect(up).toMatchObject({ level: 'regional', status: 'open', overdue: false });
    expect(pendingTimer(up)).toEqual({ level: 'regional', dueAt: plus(at, sla).toISOString() });
    climb
      .given(up)
      .when({ level: 'cell', at: plus(at, 10 * sla), sla: SLA })
      .thenNothing();
    climb
      .given(up)
      .when({ level: 'regional', at: plus(at, sla - 1), sla: SLA })
      .thenNothing();
    expect(
      climb
        .given(up)
        .when({ level: 'regional', at: plus(at, sla), sla: SLA })
        .decided().state.level,
    ).toBe('national');
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
