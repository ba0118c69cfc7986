import { Role, ROLES } from '@muster/contracts';
import { DomainError } from '../shared/domain-error';
import { Escalation, Level, LEVELS } from './escalation';
import { acknowledgeEscalation, escalateEscalation, resolveEscalation, settleOverdueEscalation } from './escalation-rules';
import { raiseEscalation } from './raise-escalation';
import {
  atLevel,
  BIRMINGHAM,
  COVENTRY,
  frozen,
  lead,
  officer,
  outcome,
  person,
  plus,
  raised,
  RAISED_AT,
  raiseInput,
  regional,
  scopedPerson,
  SLA,
} from '@muster/builders';

const foodLead = lead({ sub: 'food-lead', name: 'food-lead', cells: ['food'] });

const at = plus(RAISED_AT, 60_000);
type StepAction = 'acknowledge' | 'escalate' | 'resolve';

const act: Record<StepAction, (e: Escalation, role: Role) => unknown> = {
  acknowledge: (e, role) => acknowledgeEscalation(e, scopedPerson(role), undefined, at),
  escalate: (e, role) => escalateEscalation(e, scopedPerson(role), 'beyond us', at, SLA),
  resolve: (e, role) => resolveEscalation(e, scopedPerson(role), 'done', at),
};

describe('who may act on an escalation (PPE cell, raised for Birmingham)', () => {
  const raiseTable: Array<[string, { authority: string; cell: string }, Role[]]> = [
    ['own authority, own cell', { authority: BIRMINGHAM, cell: 'ppe' }, ['cell-lead', 'cell-member', 'authority-officer', 'regional-coordinator']],
    ['own authority, other cell', { authority: BIRMINGHAM, cell: 'food' }, ['authority-officer', 'regional-coordinator']],
    ['other authority, own cell', { authority: COVENTRY, cell: 'ppe' }, ['cell-lead', 'cell-member', 'regional-coordinator']],
    ['other authority, other cell', { authority: COVENTRY, cell: 'food' }, ['regional-coordinator']],
  ];
  for (const [label, target, allowed] of raiseTable) {
    for (const role of ROLES) {
      const expected = allowed.includes(role) ? 'ok' : 'forbidden';
      it(`raise (${label}): ${role} → ${expected}`, () => {
        const ctx = { principal: scopedPerson(role), now: RAISED_AT, sla: SLA, id: 'e' };
        expect(outcome(() => raiseEscalation(raiseInput(target), ctx))).toBe(expected);
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
          expect(outcome(() => act[action](atLevel(level), role))).toBe(expected);
        });
      }
    }
  }

  it('refuses the lead of another cell at the cell level', () => {
    const e = atLevel('cell');
    expect(outcome(() => acknowledgeEscalation(e, foodLead, undefined, at))).toBe('forbidden');
    expect(outcome(() => escalateEscalation(e, foodLead, 'r', at, SLA))).toBe('forbidden');
    expect(outcome(() => resolveEscalation(e, foodLead, 'r', at))).toBe('forbidden');
  });

  it('lets a cell lead act at the cell level only', () => {
    for (const level of ['regional', 'national'] as const) {
      expect(outcome(() => acknowledgeEscalation(atLevel(level), lead(), undefined, at))).toBe('forbidden');
      expect(outcome(() => resolveEscalation(atLevel(level), lead(), 'r', at))).toBe('forbidden');
    }
  });

  it('lets an officer raise only for their own authority, never another', () => {
    const ctx = (p = officer()) => ({ principal: p, now: RAISED_AT, sla: SLA, id: 'e' });
    expect(outcome(() => raiseEscalation(raiseInput({ authority: BIRMINGHAM }), ctx()))).toBe('ok');
    expect(outcome(() => raiseEscalation(raiseInput({ authority: COVENTRY }), ctx()))).toBe('forbidden');
    const noClaim = person('authority-officer', { sub: 'x' });
    expect(outcome(() => raiseEscalation(raiseInput(), ctx(noClaim)))).toBe('forbidden');
  });

  it('needs clearance to raise or act on a sensitive escalation', () => {
    const sensitive = { marking: 'OFFICIAL-SENSITIVE' as const };
    const ctx = (role: Role, cleared: boolean) => ({
      principal: scopedPerson(role, { clearance: cleared ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL' }),
      now: RAISED_AT,
      sla: SLA,
      id: 'e',
    });
    expect(outcome(() => raiseEscalation(raiseInput(sensitive), ctx('authority-officer', false)))).toBe('forbidden');
    expect(outcome(() => raiseEscalation(raiseInput(sensitive), ctx('authority-officer', true)))).toBe('ok');
    const e = atLevel('cell', sensitive);
    expect(outcome(() => acknowledgeEscalation(e, scopedPerson('cell-lead'), undefined, at))).toBe('forbidden');
    expect(outcome(() => acknowledgeEscalation(e, scopedPerson('cell-lead', { clearance: 'OFFICIAL-SENSITIVE' }), undefined, at))).toBe('ok');
  });
});

describe('escalation state changes', () => {
  it('acknowledges: status acknowledged, no deadline, the note in history and event', () => {
    const e = frozen(raised());
    const { escalation, event } = acknowledgeEscalation(e, lead(), 'Buying locally today', at);
    expect(escalation).toMatchObject({ status: 'acknowledged', ackDueAt: null, level: 'cell', version: 2 });
    expect(escalation.history.at(-1)).toEqual({
      step: 'acknowledged',
      at: at.toISOString(),
      actor: { sub: lead().sub, name: lead().name },
      level: 'cell',
      note: 'Buying locally today',
    });
    expect(event).toEqual({
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
        note: 'Buying locally today',
      },
    });
  });

  it('leaves the note out when none is given', () => {
    const { escalation, event } = acknowledgeEscalation(raised(), lead(), undefined, at);
    expect(escalation.history.at(-1)).not.toHaveProperty('note');
    expect(event.data).not.toHaveProperty('note');
  });

  it('escalates by hand one level with the reason, and re-opens an acknowledged escalation', () => {
    const { escalation: acked } = acknowledgeEscalation(raised(), lead(), undefined, at);
    const later = plus(at, 5 * 60_000);
    const { escalation, event } = escalateEscalation(frozen(acked), lead(), 'needs mutual aid', later, SLA);
    expect(escalation).toMatchObject({ level: 'regional', status: 'open', version: 3 });
    expect(escalation.ackDueAt).toBe(plus(later, SLA.high).toISOString());
    expect(escalation.history.at(-1)).toEqual({
      step: 'escalated',
      at: later.toISOString(),
      actor: { sub: lead().sub, name: lead().name },
      from: 'cell',
      level: 'regional',
      ackDueAt: escalation.ackDueAt,
      reason: 'needs mutual aid',
    });
    expect(event.type).toBe('escalation.escalated');
    expect(event.data).toMatchObject({ from: 'cell', level: 'regional', reason: 'needs mutual aid', actor: lead().name });
  });

  it('lets a regional coordinator pull an escalation up from the cell', () => {
    const { escalation } = escalateEscalation(raised(), regional(), 'regional view needed', at, SLA);
    expect(escalation.level).toBe('regional');
  });

  it('refuses to escalate beyond national, naming the level', () => {
    const attempt = () => escalateEscalation(atLevel('national'), regional(), 'r', at, SLA);
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'rule-violated', errors: [expect.objectContaining({ path: 'level' })] }));
  });

  it('resolves from open or acknowledged with the resolution', () => {
    for (const status of ['open', 'acknowledged'] as const) {
      const e = frozen(atLevel('regional', { status, ackDueAt: status === 'open' ? RAISED_AT.toISOString() : null }));
      const { escalation, event } = resolveEscalation(e, regional(), 'Mutual aid agreed', at);
      expect(escalation).toMatchObject({ status: 'resolved', ackDueAt: null, level: 'regional', version: 2 });
      expect(escalation.history.at(-1)).toMatchObject({ step: 'resolved', resolution: 'Mutual aid agreed' });
      expect(event.type).toBe('escalation.resolved');
      expect(event.data).toMatchObject({ status: 'resolved', resolution: 'Mutual aid agreed' });
    }
  });

  it.each([
    ['acknowledge an acknowledged escalation', () => acknowledgeEscalation(atLevel('cell', { status: 'acknowledged' }), lead(), undefined, at)],
    ['acknowledge a resolved escalation', () => acknowledgeEscalation(atLevel('cell', { status: 'resolved' }), lead(), undefined, at)],
    ['escalate a resolved escalation', () => escalateEscalation(atLevel('cell', { status: 'resolved' }), lead(), 'r', at, SLA)],
    ['resolve a resolved escalation', () => resolveEscalation(atLevel('cell', { status: 'resolved' }), lead(), 'r', at)],
  ])('conflicts (409) when asked to %s', (_, attempt) => {
    expect(outcome(attempt)).toBe('conflict');
  });

  it('acknowledges an overdue escalation at national, clearing nothing but the status', () => {
    const e = atLevel('national', { overdue: true, ackDueAt: null });
    const { escalation } = acknowledgeEscalation(e, regional(), 'with DLUHC', at);
    expect(escalation).toMatchObject({ status: 'acknowledged', overdue: true });
  });

  it('increments the version by one on every change and keeps every earlier step', () => {
    let e = raised();
    expect(e.version).toBe(1);
    e = acknowledgeEscalation(e, lead(), undefined, at).escalation;
    e = escalateEscalation(e, lead(), 'r', at, SLA).escalation;
    e = acknowledgeEscalation(e, regional(), undefined, at).escalation;
    e = escalateEscalation(e, regional(), 'r', at, SLA).escalation;
    e = resolveEscalation(e, regional(), 'done', at).escalation;
    expect(e.version).toBe(6);
    expect(e.history.map((s) => s.step)).toEqual(['raised', 'acknowledged', 'escalated', 'acknowledged', 'escalated', 'resolved']);
  });

  it('never mutates the escalation it is given', () => {
    const e = raised();
    const snapshot = structuredClone(e);
    acknowledgeEscalation(frozen(e), lead(), 'n', at);
    escalateEscalation(e, lead(), 'r', at, SLA);
    resolveEscalation(e, lead(), 'r', at);
    expect(e).toEqual(snapshot);
  });
});

describe('settleOverdueEscalation', () => {
  const overdueRequestEscalation = () => atLevel('regional', { decisionRequestId: 'r1' });

  it('resolves an escalation raised for a missed deadline once the decision is taken', () => {
    const change = settleOverdueEscalation(overdueRequestEscalation(), 'd1', RAISED_AT);
    expect(change?.escalation).toMatchObject({ status: 'resolved', ackDueAt: null });
    expect(change?.escalation.history.at(-1)).toMatchObject({ step: 'resolved', actor: 'system' });
    expect(change?.event.type).toBe('escalation.resolved');
  });

  it('leaves alone an escalation already resolved, or one a person raised', () => {
    const resolved = { ...overdueRequestEscalation(), status: 'resolved' as const };
    expect(settleOverdueEscalation(resolved, 'd1', RAISED_AT)).toBeUndefined();
    expect(settleOverdueEscalation(atLevel('regional'), 'd1', RAISED_AT)).toBeUndefined();
  });
});
