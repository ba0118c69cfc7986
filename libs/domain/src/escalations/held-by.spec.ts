import {
  atLevel,
  CELL_HOLDER,
  raised,
  raiseInput,
  RAISED_AT,
  REGIONAL_HOLDER,
  regional,
  rule,
  SLA,
  officer,
  MINUTE,
} from '@muster/builders';
import {
  climbOnDeadline,
  escalateEscalation,
  handOverEscalation,
  raiseEscalation,
  resolveEscalation,
  scopeOfLevel,
} from '@muster/domain';

const at = new Date(RAISED_AT.getTime() + 20 * MINUTE);
const RITA = { key: 'rita', name: 'Rita Rota' };

describe('who holds an escalation’s level', () => {
  it('is recorded at raise, on the escalation and its first step, as the handler read it from the rota', () => {
    const { state, events } = rule(raiseEscalation)
      .when({ ...raiseInput(), by: officer(), at: RAISED_AT, sla: SLA, id: 'e', heldBy: CELL_HOLDER })
      .decided();
    expect(state.heldBy).toEqual(CELL_HOLDER);
    expect(state.history[0]).toMatchObject({ step: 'raised', level: 'cell', heldBy: CELL_HOLDER });
    expect(events[0]?.data).toMatchObject({ heldBy: CELL_HOLDER });
  });

  it('moves to the holder of the level above on a climb and on an escalation by hand', () => {
    const climbed = rule(climbOnDeadline)
      .given(raised({ severity: 'critical' }))
      .when({ level: 'cell', at, sla: SLA, heldBy: REGIONAL_HOLDER })
      .decided().state;
    expect([climbed.level, climbed.heldBy, climbed.history.at(-1)?.step]).toEqual([
      'regional',
      REGIONAL_HOLDER,
      'escalated',
    ]);
    const byHand = rule(escalateEscalation)
      .given(climbed)
      .when({ by: regional(), at, reason: 'needs national', sla: SLA, heldBy: RITA })
      .decided().state;
    expect(byHand.history.at(-1)).toMatchObject({
      step: 'escalated',
      from: 'regional',
      level: 'national',
      heldBy: RITA,
    });
  });

  it('names the rota scope of each level: the cell’s own slug, then regional and national', () => {
    const e = raised();
    expect([scopeOfLevel(e, 'cell'), scopeOfLevel(e, 'regional'), scopeOfLevel(e, 'national')]).toEqual([
      'ppe',
      'regional',
      'national',
    ]);
  });
});

describe('a handover of the holder’s shift', () => {
  it('passes an unresolved escalation they hold to who took over, as a step and an event', () => {
    const { state, events } = rule(handOverEscalation)
      .given(raised())
      .when({ by: { sub: 'ppe-holder', name: 'Priya Shah' }, at, from: CELL_HOLDER.key, to: RITA })
      .decided();
    expect(state.heldBy).toEqual(RITA);
    expect(state.history.at(-1)).toEqual({
      step: 'handed-over',
      at: at.toISOString(),
      actor: { sub: 'ppe-holder', name: 'Priya Shah' },
      level: 'cell',
      from: CELL_HOLDER,
      heldBy: RITA,
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'escalation.handed-over',
        data: expect.objectContaining({ heldBy: RITA, handedOverBy: CELL_HOLDER }) as unknown,
      }),
    ]);
  });

  it('leaves alone one held by someone else, one with no holder recorded, and one resolved', () => {
    const cmd = { by: 'system' as const, at, from: CELL_HOLDER.key, to: RITA };
    rule(handOverEscalation)
      .given(atLevel('regional', { heldBy: REGIONAL_HOLDER }))
      .when(cmd)
      .thenNothing();
    const unheld = raiseEscalation({ ...raiseInput(), by: officer(), at: RAISED_AT, sla: SLA, id: 'u' }).state;
    rule(handOverEscalation).given(unheld).when(cmd).thenNothing();
    const resolved = resolveEscalation({ by: regional(), at, resolution: 'done' }, raised()).state;
    rule(handOverEscalation).given(resolved).when(cmd).thenNothing();
  });
});
