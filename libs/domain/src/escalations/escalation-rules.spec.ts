import { Role, ROLES } from '@muster/contracts';
import { Escalation, Level, LEVELS } from './escalation';
import {
  acknowledgeEscalation,
  escalateEscalation,
  resolveEscalation,
  settleOverdueEscalation,
} from './escalation-rules';
import { raiseEscalation } from './raise-escalation';
import {
  atLevel,
  BIRMINGHAM,
  COVENTRY,
  lead,
  officer,
  person,
  plus,
  raised,
  RAISED_AT,
  raiseInput,
  regional,
  CELL_HOLDER,
  rule,
  scopedPerson,
  SLA,
} from '@muster/builders';

const foodLead = lead({ sub: 'food-lead', name: 'food-lead', cells: ['food'] });

const at = plus(RAISED_AT, 60_000);
type StepAction = 'acknowledge' | 'escalate' | 'resolve';

const raise = rule(raiseEscalation);
const acknowledge = rule(acknowledgeEscalation);
const escalate = rule(escalateEscalation);
const resolve = rule(resolveEscalation);
const settle = rule(settleOverdueEscalation);

const act: Record<StepAction, (e: Escalation, role: Role) => string> = {
  acknowledge: (e, role) =>
    acknowledge
      .given(e)
      .when({ by: scopedPerson(role), at })
      .verdict(),
  escalate: (e, role) =>
    escalate
      .given(e)
      .when({ by: scopedPerson(role), at, reason: 'beyond us', sla: SLA })
      .verdict(),
  resolve: (e, role) =>
    resolve
      .given(e)
      .when({ by: scopedPerson(role), at, resolution: 'done' })
      .verdict(),
};

describe('who may act on an escalation (PPE cell, raised for Birmingham)', () => {
  const raiseTable: Array<[string, { authority: string; cell: string }, Role[]]> = [
    [
      'own authority, own cell',
      { authority: BIRMINGHAM, cell: 'ppe' },
      ['cell-lead', 'cell-member', 'authority-officer', 'regional-coordinator'],
    ],
    [
      'own authority, other cell',
      { authority: BIRMINGHAM, cell: 'food' },
      ['authority-officer', 'regional-coordinator'],
    ],
    [
      'other authority, own cell',
      { authority: COVENTRY, cell: 'ppe' },
      ['cell-lead', 'cell-member', 'regional-coordinator'],
    ],
    ['other authority, other cell', { authority: COVENTRY, cell: 'food' }, ['regional-coordinator']],
  ];
  for (const [label, target, allowed] of raiseTable) {
    for (const role of ROLES) {
      const expected = allowed.includes(role) ? 'ok' : 'forbidden';
      it(`raise (${label}): ${role} → ${expected}`, () => {
        expect(
          raise.when({ ...raiseInput(target), by: scopedPerson(role), at: RAISED_AT, sla: SLA, id: 'e' }).verdict(),
        ).toBe(expected);
      });
    }
  }

  // The outcome per action and level for each role that may act; everyone else is refused (403).
  const stepTable: Record<StepAction, Record<Level, Partial<Record<Role, string>>>> = {
    acknowledge: {
      cell: { 'cell-lead': 'ok' },
      regional: { 'regional-coordinator': 'ok' },
      national: { 'regional-coordinator': 'ok' },
    },
    escalate: {
      cell: { 'cell-lead': 'ok', 'regional-coordinator': 'ok' },
      regional: { 'regional-coordinator': 'ok' },
      national: { 'regional-coordinator': 'rule-violated' },
    },
    resolve: {
      cell: { 'cell-lead': 'ok', 'regional-coordinator': 'ok' },
      regional: { 'regional-coordinator': 'ok' },
      national: { 'regional-coordinator': 'ok' },
    },
  };
  for (const action of ['acknowledge', 'escalate', 'resolve'] as const) {
    for (const level of LEVELS) {
      for (const role of ROLES) {
        const expected = stepTable[action][level][role] ?? 'forbidden';
        it(`${action} at ${level}: ${role} → ${expected}`, () => {
          expect(act[action](atLevel(level), role)).toBe(expected);
        });
      }
    }
  }

  it('refuses the lead of another cell at the cell level', () => {
    acknowledge.given(atLevel('cell')).when({ by: foodLead, at }).thenRefused('forbidden');
    escalate.given(atLevel('cell')).when({ by: foodLead, at, reason: 'r', sla: SLA }).thenRefused('forbidden');
    resolve.given(atLevel('cell')).when({ by: foodLead, at, resolution: 'r' }).thenRefused('forbidden');
  });

  it('lets a cell lead act at the cell level only', () => {
    for (const level of ['regional', 'national'] as const) {
      acknowledge.given(atLevel(level)).when({ by: lead(), at }).thenRefused('forbidden');
      resolve.given(atLevel(level)).when({ by: lead(), at, resolution: 'r' }).thenRefused('forbidden');
    }
  });

  it('lets an officer raise only for their own authority, never another', () => {
    const command = (authority: string, by = officer()) => ({
      ...raiseInput({ authority }),
      by,
      at: RAISED_AT,
      sla: SLA,
      id: 'e',
    });
    expect(raise.when(command(BIRMINGHAM)).verdict()).toBe('ok');
    raise.when(command(COVENTRY)).thenRefused('forbidden');
    raise.when(command(BIRMINGHAM, person('authority-officer', { sub: 'x' }))).thenRefused('forbidden');
  });

  it('needs clearance to raise or act on a sensitive escalation', () => {
    const sensitive = { marking: 'OFFICIAL-SENSITIVE' as const };
    const by = (role: Role, cleared: boolean) =>
      scopedPerson(role, { clearance: cleared ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL' });
    const raising = (cleared: boolean) => ({
      ...raiseInput(sensitive),
      by: by('authority-officer', cleared),
      at: RAISED_AT,
      sla: SLA,
      id: 'e',
    });
    raise.when(raising(false)).thenRefused('forbidden');
    expect(raise.when(raising(true)).verdict()).toBe('ok');
    acknowledge
      .given(atLevel('cell', sensitive))
      .when({ by: by('cell-lead', false), at })
      .thenRefused('forbidden');
    expect(
      acknowledge
        .given(atLevel('cell', sensitive))
        .when({ by: by('cell-lead', true), at })
        .verdict(),
    ).toBe('ok');
  });
});

describe('escalation state changes', () => {
  it('acknowledges: status acknowledged, no deadline, the note in history and event', () => {
    const e = raised();
    const { state } = acknowledge
      .given(e)
      .when({ by: lead(), at, note: 'Buying locally today' })
      .then([
        {
          type: 'escalation.acknowledged',
          cell: 'ppe',
          authority: BIRMINGHAM,
          authorities: [BIRMINGHAM],
          marking: 'OFFICIAL',
          data: {
            id: 'esc-1',
            title: e.title,
            severity: 'high',
            level: 'cell',
            status: 'acknowledged',
            overdue: false,
            ackDueAt: null,
            actor: lead().name,
            heldBy: CELL_HOLDER,
            note: 'Buying locally today',
          },
        },
      ]);
    expect(state).toMatchObject({ status: 'acknowledged', ackDueAt: null, level: 'cell', version: 2 });
    expect(state.history.at(-1)).toEqual({
      step: 'acknowledged',
      at: at.toISOString(),
      actor: { sub: lead().sub, name: lead().name },
      level: 'cell',
      note: 'Buying locally today',
    });
  });

  it('leaves the note out when none is given', () => {
    const { state, events } = acknowledge.given(raised()).when({ by: lead(), at }).decided();
    expect(state.history.at(-1)).not.toHaveProperty('note');
    expect(events[0]?.data).not.toHaveProperty('note');
  });

  it('escalates by hand one level with the reason, and re-opens an acknowledged escalation', () => {
    const { state: acked } = acknowledge.given(raised()).when({ by: lead(), at }).decided();
    const later = plus(at, 5 * 60_000);
    const { state } = escalate
      .given(acked)
      .when({ by: lead(), at: later, reason: 'needs mutual aid', sla: SLA })
      .then([
        expect.objectContaining({
          type: 'escalation.escalated',
          data: expect.objectContaining({
            from: 'cell',
            level: 'regional',
            reason: 'needs mutual aid',
            actor: lead().name,
          }),
        }),
      ]);
    expect(state).toMatchObject({ level: 'regional', status: 'open', version: 3 });
    expect(state.ackDueAt).toBe(plus(later, SLA.high).toISOString());
    expect(state.history.at(-1)).toEqual({
      step: 'escalated',
      at: later.toISOString(),
      actor: { sub: lead().sub, name: lead().name },
      from: 'cell',
      level: 'regional',
      ackDueAt: state.ackDueAt,
      reason: 'needs mutual aid',
    });
  });

  it('lets a regional coordinator pull an escalation up from the cell', () => {
    const { state } = escalate
      .given(raised())
      .when({ by: regional(), at, reason: 'regional view needed', sla: SLA })
      .decided();
    expect(state.level).toBe('regional');
  });

  it('refuses to escalate beyond national, naming the level', () => {
    escalate
      .given(atLevel('national'))
      .when({ by: regional(), at, reason: 'r', sla: SLA })
      .thenRefused('rule-violated', 'level');
  });

  it('resolves from open or acknowledged with the resolution', () => {
    for (const status of ['open', 'acknowledged'] as const) {
      const e = atLevel('regional', { status, ackDueAt: status === 'open' ? RAISED_AT.toISOString() : null });
      const { state } = resolve
        .given(e)
        .when({ by: regional(), at, resolution: 'Mutual aid agreed' })
        .then([
          expect.objectContaining({
            type: 'escalation.resolved',
            data: expect.objectContaining({ status: 'resolved', resolution: 'Mutual aid agreed' }),
          }),
        ]);
      expect(state).toMatchObject({ status: 'resolved', ackDueAt: null, level: 'regional', version: 2 });
      expect(state.history.at(-1)).toMatchObject({ step: 'resolved', resolution: 'Mutual aid agreed' });
    }
  });

  it.each([
    [
      'acknowledge an acknowledged escalation',
      () => acknowledge.given(atLevel('cell', { status: 'acknowledged' })).when({ by: lead(), at }),
    ],
    [
      'acknowledge a resolved escalation',
      () => acknowledge.given(atLevel('cell', { status: 'resolved' })).when({ by: lead(), at }),
    ],
    [
      'escalate a resolved escalation',
      () => escalate.given(atLevel('cell', { status: 'resolved' })).when({ by: lead(), at, reason: 'r', sla: SLA }),
    ],
    [
      'resolve a resolved escalation',
      () => resolve.given(atLevel('cell', { status: 'resolved' })).when({ by: lead(), at, resolution: 'r' }),
    ],
  ])('conflicts (409) when asked to %s', (_, attempt) => {
    attempt().thenRefused('conflict');
  });

  it('acknowledges an overdue escalation at national, clearing nothing but the status', () => {
    const { state } = acknowledge
      .given(atLevel('national', { overdue: true, ackDueAt: null }))
      .when({ by: regional(), at, note: 'with DLUHC' })
      .decided();
    expect(state).toMatchObject({ status: 'acknowledged', overdue: true });
  });

  it('increments the version by one on every change and keeps every earlier step', () => {
    let e = raised();
    expect(e.version).toBe(1);
    e = acknowledge.given(e).when({ by: lead(), at }).decided().state;
    e = escalate.given(e).when({ by: lead(), at, reason: 'r', sla: SLA }).decided().state;
    e = acknowledge.given(e).when({ by: regional(), at }).decided().state;
    e = escalate.given(e).when({ by: regional(), at, reason: 'r', sla: SLA }).decided().state;
    e = resolve.given(e).when({ by: regional(), at, resolution: 'done' }).decided().state;
    expect(e.version).toBe(6);
    expect(e.history.map((s) => s.step)).toEqual([
      'raised',
      'acknowledged',
      'escalated',
      'acknowledged',
      'escalated',
      'resolved',
    ]);
  });

  it('never mutates the escalation it is given', () => {
    const e = raised();
    const snapshot = structuredClone(e);
    acknowledge.given(e).when({ by: lead(), at, note: 'n' }).decided();
    escalate.given(e).when({ by: lead(), at, reason: 'r', sla: SLA }).decided();
    resolve.given(e).when({ by: lead(), at, resolution: 'r' }).decided();
    expect(e).toEqual(snapshot);
  });
});

describe('settleOverdueEscalation', () => {
  const overdueRequestEscalation = () => atLevel('regional', { decisionRequestId: 'r1' });

  it('resolves an escalation raised for a missed deadline once the decision is taken', () => {
    const { state } = settle
      .given(overdueRequestEscalation())
      .when({ decisionId: 'd1', at: RAISED_AT })
      .then([expect.objectContaining({ type: 'escalation.resolved' })]);
    expect(state).toMatchObject({ status: 'resolved', ackDueAt: null });
    expect(state.history.at(-1)).toMatchObject({ step: 'resolved', actor: 'system' });
  });

  it('leaves alone an escalation already resolved, or one a person raised', () => {
    const resolved = { ...overdueRequestEscalation(), status: 'resolved' as const };
    expect(settle.given(resolved).when({ decisionId: 'd1', at: RAISED_AT }).thenNothing().state).toBe(resolved);
    const byPerson = atLevel('regional');
    expect(settle.given(byPerson).when({ decisionId: 'd1', at: RAISED_AT }).thenNothing().state).toBe(byPerson);
  });
});
