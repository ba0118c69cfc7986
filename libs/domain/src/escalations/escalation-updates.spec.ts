import type { EscalationEventData } from '@muster/contracts';
import { Escalation } from './escalation';
import { acknowledgeEscalation, escalateEscalation, handOverEscalation, resolveEscalation } from './escalation-rules';
import { climbOnDeadline } from './escalation-ladder';
import { raiseEscalation } from './raise-escalation';
import { alertMissedUpdate, pendingUpdateTimer, updateEscalation, withdrawEscalation } from './escalation-updates';
import {
  CELL_HOLDER,
  HOUR,
  lead,
  member,
  MINUTE,
  officer,
  plus,
  raised,
  RAISED_AT,
  raiseInput,
  regional,
  rule,
  SLA,
} from '@muster/builders';

/** An escalation event's data, as the domain writes it. */
const data = (event: { data: object }) => event.data as EscalationEventData;

const update = rule(updateEscalation);
const withdraw = rule(withdrawEscalation);
const alert = rule(alertMissedUpdate);
const raise = rule(raiseEscalation);

// `raised()` is raised by the Birmingham officer `authority-officer-1`: the raiser.
const raiser = officer();
const otherOfficer = officer({ sub: 'someone-else' });
const at = plus(RAISED_AT, 10 * MINUTE);
const promise = plus(at, 2 * HOUR);

const acknowledged = (): Escalation => acknowledgeEscalation({ by: lead(), at }, raised()).state;
const promised = (): Escalation =>
  updateEscalation({ by: raiser, at, note: 'Stock arrives tonight', nextUpdateDue: promise }, acknowledged()).state;

describe('updating an escalation', () => {
  it('records the raiser’s note and the promised next update as a step and an event', () => {
    const { state, events } = update
      .given(acknowledged())
      .when({ by: raiser, at, note: 'Stock arrives tonight', nextUpdateDue: promise })
      .decided();
    expect(state).toMatchObject({ status: 'acknowledged', nextUpdateDue: promise.toISOString(), version: 3 });
    expect(state.history.at(-1)).toEqual({
      step: 'updated',
      at: at.toISOString(),
      actor: { sub: raiser.sub, name: raiser.name },
      level: 'cell',
      note: 'Stock arrives tonight',
      nextUpdateDue: promise.toISOString(),
    });
    expect(events.map((e) => [e.type, data(e).note, data(e).nextUpdateDue])).toEqual([
      ['escalation.updated', 'Stock arrives tonight', promise.toISOString()],
    ]);
  });

  it('lets whoever may act at the current level update too, but nobody else', () => {
    expect(update.given(raised()).when({ by: lead(), at, note: 'On it' }).verdict()).toBe('ok');
    expect(update.given(raised()).when({ by: member(), at, note: 'On it' }).verdict()).toBe('forbidden');
    expect(update.given(raised()).when({ by: otherOfficer, at, note: 'On it' }).verdict()).toBe('forbidden');
    expect(update.given(raised()).when({ by: regional(), at, note: 'On it' }).verdict()).toBe('forbidden');
    const atRegional = escalateEscalation({ by: lead(), at, reason: 'beyond us', sla: SLA }, raised()).state;
    expect(update.given(atRegional).when({ by: regional(), at, note: 'On it' }).verdict()).toBe('ok');
    expect(update.given(atRegional).when({ by: lead(), at, note: 'On it' }).verdict()).toBe('forbidden');
  });

  it('lets the person the rota named as holder update, whatever their role, until they hand it over', () => {
    // The cell's shift is held by a member covering for the lead: not the level's role, but its holder.
    const holder = member({ sub: CELL_HOLDER.key, name: CELL_HOLDER.name });
    expect(update.given(raised()).when({ by: holder, at, note: 'Chasing the supplier' }).verdict()).toBe('ok');
    const handedOn = handOverEscalation(
      { by: holder, at, from: CELL_HOLDER.key, to: { key: 'next-shift', name: 'Next Shift' } },
      raised(),
    ).state;
    expect(update.given(handedOn).when({ by: holder, at, note: 'n' }).verdict()).toBe('forbidden');
    const taker = member({ sub: 'next-shift', name: 'Next Shift' });
    expect(update.given(handedOn).when({ by: taker, at, note: 'Picked up' }).verdict()).toBe('ok');
  });

  it('does not let a named holder update what they may not see', () => {
    const sensitive = raised({ marking: 'OFFICIAL-SENSITIVE' });
    const uncleared = member({ sub: CELL_HOLDER.key });
    const cleared = member({ sub: CELL_HOLDER.key, clearance: 'OFFICIAL-SENSITIVE' });
    expect(update.given(sensitive).when({ by: uncleared, at, note: 'n' }).verdict()).toBe('forbidden');
    expect(update.given(sensitive).when({ by: cleared, at, note: 'n' }).verdict()).toBe('ok');
  });

  it('wants the next update in the future and within a fortnight', () => {
    const given = update.given(acknowledged());
    given.when({ by: raiser, at, note: 'n', nextUpdateDue: at }).thenRefused('rule-violated', 'nextUpdateDue');
    given
      .when({ by: raiser, at, note: 'n', nextUpdateDue: plus(at, 15 * 24 * HOUR) })
      .thenRefused('rule-violated', 'nextUpdateDue');
    expect(given.when({ by: raiser, at, note: 'n', nextUpdateDue: plus(at, 14 * 24 * HOUR) }).verdict()).toBe('ok');
    given.when({ by: raiser, at, note: '  ' }).thenRefused('rule-violated', 'note');
  });

  it('refuses once resolved or withdrawn', () => {
    const resolved = resolveEscalation({ by: lead(), at, resolution: 'done' }, raised()).state;
    update.given(resolved).when({ by: raiser, at, note: 'n' }).thenRefused('conflict');
    const withdrawn = withdrawEscalation({ by: raiser, at, reason: 'sorted locally' }, raised()).state;
    update.given(withdrawn).when({ by: raiser, at, note: 'n' }).thenRefused('conflict');
  });

  it('an update without a promise clears the earlier one, so nothing re-alerts', () => {
    const { state } = update
      .given(promised())
      .when({ by: raiser, at: plus(at, MINUTE), note: 'Delivered' })
      .decided();
    expect(state.nextUpdateDue).toBeUndefined();
    expect(pendingUpdateTimer(state)).toBeUndefined();
  });
});

describe('re-alerting a missed update, with a fake clock', () => {
  const due = promise.toISOString();

  it('waits for the promised time: early, nothing happens', () => {
    alert
      .given(promised())
      .when({ nextUpdateDue: due, at: plus(promise, -1) })
      .thenNothing();
  });

  it('re-alerts once when the promised time passes with no newer update', () => {
    const { state, events } = alert.given(promised()).when({ nextUpdateDue: due, at: promise }).decided();
    expect(events.map((e) => [e.type, data(e).escalationId, data(e).nextUpdateDue, data(e).actor])).toEqual([
      ['escalation.update-overdue', 'esc-1', due, 'system'],
    ]);
    expect(state.history.at(-1)).toMatchObject({ step: 'update-overdue', actor: 'system', nextUpdateDue: due });
    expect(pendingUpdateTimer(state)).toBeUndefined();
    // A late or duplicated timer for the same promise changes nothing.
    alert
      .given(state)
      .when({ nextUpdateDue: due, at: plus(promise, HOUR) })
      .thenNothing();
  });

  it('does nothing for a promise a newer update replaced, and re-alerts the new one in its turn', () => {
    const later = plus(promise, HOUR);
    const renewed = updateEscalation(
      { by: lead(), at: plus(at, 30 * MINUTE), note: 'Courier booked', nextUpdateDue: later },
      promised(),
    ).state;
    alert.given(renewed).when({ nextUpdateDue: due, at: promise }).thenNothing();
    expect(pendingUpdateTimer(renewed)).toEqual({ nextUpdateDue: later.toISOString() });
    const { events } = alert.given(renewed).when({ nextUpdateDue: later.toISOString(), at: later }).decided();
    expect(events.map((e) => e.type)).toEqual(['escalation.update-overdue']);
  });

  it('does nothing once the escalation is resolved or withdrawn', () => {
    const resolved = resolveEscalation({ by: lead(), at: plus(at, MINUTE), resolution: 'done' }, promised()).state;
    expect(pendingUpdateTimer(resolved)).toBeUndefined();
    alert.given(resolved).when({ nextUpdateDue: due, at: promise }).thenNothing();
    const withdrawn = withdrawEscalation(
      { by: raiser, at: plus(at, MINUTE), reason: 'no longer needed' },
      promised(),
    ).state;
    alert.given(withdrawn).when({ nextUpdateDue: due, at: promise }).thenNothing();
  });

  it('re-alerts an escalation that is still open (not yet acknowledged) too', () => {
    const open = updateEscalation({ by: raiser, at, note: 'Worse', nextUpdateDue: promise }, raised()).state;
    expect(alert.given(open).when({ nextUpdateDue: due, at: promise }).decided().events).toHaveLength(1);
  });
});

describe('withdrawing an escalation', () => {
  it('is the raiser’s alone, with a reason, and stops everything', () => {
    const { state, events } = withdraw.given(raised()).when({ by: raiser, at, reason: 'Sorted locally' }).decided();
    expect(state).toMatchObject({ status: 'withdrawn', ackDueAt: null, version: 2 });
    expect(state.history.at(-1)).toMatchObject({ step: 'withdrawn', reason: 'Sorted locally' });
    expect(events.map((e) => [e.type, data(e).status, data(e).reason])).toEqual([
      ['escalation.withdrawn', 'withdrawn', 'Sorted locally'],
    ]);
    // No climb: the ladder's timer finds nothing pending.
    expect(climbOnDeadline({ level: 'cell', at: plus(RAISED_AT, 2 * HOUR), sla: SLA }, state).events).toEqual([]);
    for (const by of [lead(), regional(), otherOfficer]) {
      expect(withdraw.given(raised()).when({ by, at, reason: 'r' }).verdict()).toBe('forbidden');
    }
  });

  it('refuses a closed escalation, an empty reason, and the system’s own escalations', () => {
    const withdrawn = withdrawEscalation({ by: raiser, at, reason: 'r' }, raised()).state;
    withdraw.given(withdrawn).when({ by: raiser, at, reason: 'again' }).thenRefused('conflict');
    withdraw.given(raised()).when({ by: raiser, at, reason: ' ' }).thenRefused('rule-violated', 'reason');
    const bySystem: Escalation = { ...raised(), raisedBy: 'system' };
    expect(withdraw.given(bySystem).when({ by: raiser, at, reason: 'r' }).verdict()).toBe('forbidden');
  });
});

describe('neededBy when raising', () => {
  const command = (neededBy: string | undefined) => ({
    ...raiseInput(neededBy === undefined ? {} : { neededBy }),
    by: raiser,
    at: RAISED_AT,
    sla: SLA,
    id: 'e',
  });

  it('is stored and carried on the raised event', () => {
    const neededBy = plus(RAISED_AT, 6 * HOUR).toISOString();
    const { state, events } = raise.when(command(neededBy)).decided();
    expect(state.neededBy).toBe(neededBy);
    expect(events.map((e) => data(e).neededBy)).toEqual([neededBy]);
  });

  it('must be in the future and within a year', () => {
    raise.when(command(RAISED_AT.toISOString())).thenRefused('rule-violated', 'neededBy');
    raise.when(command(plus(RAISED_AT, 367 * 24 * HOUR).toISOString())).thenRefused('rule-violated', 'neededBy');
    expect(raise.when(command(undefined)).decided().state).not.toHaveProperty('neededBy');
  });
});
