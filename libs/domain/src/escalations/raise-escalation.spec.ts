import { DecisionRequest } from '../decision-requests/decision-request';
import { SEVERITIES } from './escalation';
import { isHolder } from './escalation-access';
import { acknowledgeEscalation } from './escalation-rules';
import { raiseEscalation, raiseOverdueEscalation } from './raise-escalation';
import { BIRMINGHAM, frozen, officer, outcome, person, plus, RAISED_AT, raiseInput, SLA } from '@muster/builders';

describe('raiseEscalation', () => {
  it('opens at the cell with the deadline of its severity, raised by the caller', () => {
    const input = frozen(raiseInput({ ask: 'Release the regional reserve' }));
    const { escalation, event } = raiseEscalation(input, { principal: officer(), now: RAISED_AT, sla: SLA, id: 'esc-9' });
    const ackDueAt = plus(RAISED_AT, SLA.high).toISOString();
    expect(escalation).toEqual({
      id: 'esc-9',
      authority: BIRMINGHAM,
      cell: 'ppe',
      title: input.title,
      detail: input.detail,
      severity: 'high',
      ask: 'Release the regional reserve',
      marking: 'OFFICIAL',
      raisedBy: { sub: officer().sub, name: officer().name },
      raisedAt: RAISED_AT.toISOString(),
      level: 'cell',
      status: 'open',
      ackDueAt,
      overdue: false,
      version: 1,
      history: [{ step: 'raised', at: RAISED_AT.toISOString(), actor: { sub: officer().sub, name: officer().name }, level: 'cell', ackDueAt }],
    });
    expect(event).toEqual({
      type: 'escalation.raised',
      cell: 'ppe',
      authority: BIRMINGHAM,
      authorities: [BIRMINGHAM],
      marking: 'OFFICIAL',
      data: {
        id: 'esc-9',
        title: input.title,
        severity: 'high',
        level: 'cell',
        status: 'open',
        overdue: false,
        ackDueAt,
        actor: officer().name,
      },
    });
  });

  it.each(SEVERITIES)('sets the %s deadline from the configured SLA', (severity) => {
    const { escalation } = raiseEscalation(raiseInput({ severity }), { principal: officer(), now: RAISED_AT, sla: SLA, id: 'e' });
    expect(escalation.ackDueAt).toBe(plus(RAISED_AT, SLA[severity]).toISOString());
  });

  it('works with very short deadlines, as tests configure them', () => {
    const sla = { critical: 500, high: 1000, medium: 1500, low: 2000 };
    const { escalation } = raiseEscalation(raiseInput({ severity: 'critical' }), { principal: officer(), now: RAISED_AT, sla, id: 'e' });
    expect(escalation.ackDueAt).toBe('2026-11-22T09:00:00.500Z');
  });
});

describe('raiseOverdueEscalation', () => {
  const request: DecisionRequest = {
    id: 'dr-1',
    cell: 'homelessness',
    question: 'Block-book the Premier Inn on Broad Street for rough sleepers?',
    dueAt: '2026-11-22T16:00:00.000Z',
    marking: 'OFFICIAL-SENSITIVE',
    authority: BIRMINGHAM,
    status: 'open',
    requestedBy: { sub: 'm', name: 'A member' },
    requestedAt: '2026-11-22T12:00:00.000Z',
    version: 1,
  };
  const now = new Date('2026-11-22T16:00:05.000Z');

  it('raises at regional, by the system, pointing at the request', () => {
    const { escalation, event } = raiseOverdueEscalation(frozen({ ...request }), { now, sla: SLA, id: 'esc-7' });
    const ackDueAt = plus(now, SLA.high).toISOString();
    expect(escalation).toMatchObject({
      id: 'esc-7',
      authority: BIRMINGHAM,
      cell: 'homelessness',
      title: `Decision overdue: ${request.question}`,
      severity: 'high',
      marking: 'OFFICIAL-SENSITIVE',
      raisedBy: 'system',
      raisedAt: now.toISOString(),
      level: 'regional',
      status: 'open',
      ackDueAt,
      overdue: false,
      decisionRequestId: 'dr-1',
      version: 1,
      history: [{ step: 'raised', at: now.toISOString(), actor: 'system', level: 'regional', ackDueAt }],
    });
    expect(escalation.detail).toContain('dr-1');
    expect(escalation.detail).toContain(request.dueAt);
    expect(event).toMatchObject({
      type: 'escalation.raised',
      cell: 'homelessness',
      authority: BIRMINGHAM,
      authorities: [BIRMINGHAM],
      marking: 'OFFICIAL-SENSITIVE',
      data: { id: 'esc-7', level: 'regional', actor: 'system', decisionRequestId: 'dr-1' },
    });
  });

  it('is held by regional coordination from the start, not by the cell that missed it', () => {
    const { escalation } = raiseOverdueEscalation(request, { now, sla: SLA, id: 'e' });
    const homelessnessLead = person('cell-lead', { sub: 'h', cells: ['homelessness'], clearance: 'OFFICIAL-SENSITIVE' });
    const clearedRegional = person('regional-coordinator', { sub: 'r', clearance: 'OFFICIAL-SENSITIVE' });
    expect(isHolder(clearedRegional, escalation)).toBe(true);
    expect(outcome(() => acknowledgeEscalation(escalation, clearedRegional, undefined, now))).toBe('ok');
    expect(outcome(() => acknowledgeEscalation(escalation, homelessnessLead, undefined, now))).toBe('forbidden');
  });

  it('has no authority when the request had none', () => {
    const withoutAuthority: DecisionRequest = { ...request, authority: undefined };
    const { escalation, event } = raiseOverdueEscalation(withoutAuthority, { now, sla: SLA, id: 'e' });
    expect(escalation).not.toHaveProperty('authority');
    expect(event).not.toHaveProperty('authority');
    expect(event.authorities).toEqual([]);
  });

  it('cuts a long question so the title stays within 200 characters', () => {
    const { escalation } = raiseOverdueEscalation({ ...request, question: 'q'.repeat(500) }, { now, sla: SLA, id: 'e' });
    expect(Array.from(escalation.title)).toHaveLength(200);
    expect(escalation.title.startsWith('Decision overdue: qqq')).toBe(true);
    expect(escalation.title.endsWith('…')).toBe(true);
  });
});
