import { SEVERITIES } from './escalation';
import { isHolder } from './escalation-access';
import { acknowledgeEscalation } from './escalation-rules';
import { raiseEscalation, raiseOverdueEscalation } from './raise-escalation';
import { BIRMINGHAM, decisionRequest, officer, person, plus, RAISED_AT, raiseInput, rule, SLA } from '@muster/builders';

const raise = rule(raiseEscalation);
const raiseOverdue = rule(raiseOverdueEscalation);

describe('raiseEscalation', () => {
  it('opens at the cell with the deadline of its severity, raised by the caller', () => {
    const input = raiseInput({ ask: 'Release the regional reserve' });
    const ackDueAt = plus(RAISED_AT, SLA.high).toISOString();
    const { state } = raise.when({ ...input, by: officer(), at: RAISED_AT, sla: SLA, id: 'esc-9' }).then([
      {
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
      },
    ]);
    expect(state).toEqual({
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
      history: [
        {
          step: 'raised',
          at: RAISED_AT.toISOString(),
          actor: { sub: officer().sub, name: officer().name },
          level: 'cell',
          ackDueAt,
        },
      ],
    });
  });

  it.each(SEVERITIES)('sets the %s deadline from the configured SLA', (severity) => {
    const { state } = raise
      .when({ ...raiseInput({ severity }), by: officer(), at: RAISED_AT, sla: SLA, id: 'e' })
      .decided();
    expect(state.ackDueAt).toBe(plus(RAISED_AT, SLA[severity]).toISOString());
  });

  it('works with very short deadlines, as tests configure them', () => {
    const sla = { critical: 500, high: 1000, medium: 1500, low: 2000 };
    const { state } = raise
      .when({ ...raiseInput({ severity: 'critical' }), by: officer(), at: RAISED_AT, sla, id: 'e' })
      .decided();
    expect(state.ackDueAt).toBe('2026-11-22T09:00:00.500Z');
  });
});

describe('raiseOverdueEscalation', () => {
  const request = decisionRequest({
    question: 'Block-book the Premier Inn on Broad Street for rough sleepers?',
    marking: 'OFFICIAL-SENSITIVE',
    authority: BIRMINGHAM,
  });
  const now = new Date('2026-11-22T16:00:05.000Z');

  it('raises at regional, by the system, pointing at the request', () => {
    const ackDueAt = plus(now, SLA.high).toISOString();
    const { state } = raiseOverdue
      .given(request)
      .when({ at: now, sla: SLA, id: 'esc-7' })
      .then([
        expect.objectContaining({
          type: 'escalation.raised',
          cell: 'homelessness',
          authority: BIRMINGHAM,
          authorities: [BIRMINGHAM],
          marking: 'OFFICIAL-SENSITIVE',
          data: expect.objectContaining({ id: 'esc-7', level: 'regional', actor: 'system', decisionRequestId: 'dr-1' }),
        }),
      ]);
    expect(state).toMatchObject({
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
    expect(state.detail).toContain('dr-1');
    expect(state.detail).toContain(request.dueAt);
  });

  it('is held by regional coordination from the start, not by the cell that missed it', () => {
    const { state: escalation } = raiseOverdue.given(request).when({ at: now, sla: SLA, id: 'e' }).decided();
    const homelessnessLead = person('cell-lead', {
      sub: 'h',
      cells: ['homelessness'],
      clearance: 'OFFICIAL-SENSITIVE',
    });
    const clearedRegional = person('regional-coordinator', { sub: 'r', clearance: 'OFFICIAL-SENSITIVE' });
    expect(isHolder(clearedRegional, escalation)).toBe(true);
    expect(rule(acknowledgeEscalation).given(escalation).when({ by: clearedRegional, at: now }).verdict()).toBe('ok');
    rule(acknowledgeEscalation).given(escalation).when({ by: homelessnessLead, at: now }).thenRefused('forbidden');
  });

  it('has no authority when the request had none', () => {
    const { state, events } = raiseOverdue
      .given(decisionRequest({ marking: 'OFFICIAL-SENSITIVE' }))
      .when({ at: now, sla: SLA, id: 'e' })
      .decided();
    expect(state).not.toHaveProperty('authority');
    expect(events).toEqual([expect.objectContaining({ authorities: [] })]);
    expect(events[0]).not.toHaveProperty('authority');
  });

  it('cuts a long question so the title stays within 200 characters', () => {
    const { state } = raiseOverdue
      .given({ ...request, question: 'q'.repeat(500) })
      .when({ at: now, sla: SLA, id: 'e' })
      .decided();
    expect(Array.from(state.title)).toHaveLength(200);
    expect(state.title.startsWith('Decision overdue: qqq')).toBe(true);
    expect(state.title.endsWith('…')).toBe(true);
  });
});
