import type { NotifiableEvent, NotificationReason } from './notification-message';
import { notificationMessage } from './message-for';

const LONDON = { timeZone: 'Europe/London' };

function escalationEvent(type: string, data: Record<string, unknown> = {}): NotifiableEvent {
  return {
    type,
    cell: 'ppe',
    marking: 'OFFICIAL',
    data: {
      id: 'esc-1',
      title: 'FFP3 stock below two days',
      severity: 'critical',
      level: 'cell',
      status: 'open',
      overdue: false,
      ackDueAt: '2026-11-22T09:15:00.000Z',
      actor: 'Asha Patel',
      ...data,
    },
  };
}

function message(event: NotifiableEvent, reason: NotificationReason = 'holder') {
  const written = notificationMessage(event, reason, LONDON);
  if (written === undefined) throw new Error(`no message for ${event.type}`);
  return written;
}

describe('notification messages', () => {
  it('an escalation raised tells the holder what, where, and by when to acknowledge, linking to it', () => {
    expect(message(escalationEvent('escalation.raised'))).toEqual({
      subject: 'Critical escalation raised: FFP3 stock below two days',
      body:
        'Asha Patel raised a critical escalation from the ppe cell at the cell level. ' +
        'It needs acknowledging by 09:15 on Sunday 22 November. Escalation: "FFP3 stock below two days".\n\n' +
        'You are getting this because you hold the cell level.',
      linkPath: '/escalations/esc-1',
    });
  });

  it('the raiser is told the same step, with why they get it', () => {
    expect(message(escalationEvent('escalation.raised'), 'raiser').body).toMatch(
      /\n\nYou are getting this because you raised it\.$/,
    );
  });

  it('a climb on time says it was not acknowledged, the new level and its deadline', () => {
    const climbed = message(
      escalationEvent('escalation.escalated', {
        level: 'regional',
        from: 'cell',
        actor: 'system',
        reason: 'not acknowledged within 15m',
        ackDueAt: '2026-11-22T09:30:00.000Z',
      }),
    );
    expect(climbed.subject).toBe('Critical escalation climbed: FFP3 stock below two days');
    expect(climbed.body).toContain(
      'climbed from the cell to the regional level because it was not acknowledged in time. It needs acknowledging by 09:30',
    );
    expect(climbed.body).toContain('because you hold the regional level');
    expect(climbed.linkPath).toBe('/escalations/esc-1');
  });

  it('a climb by a person names them and quotes their reason', () => {
    const climbed = message(
      escalationEvent('escalation.escalated', { level: 'national', from: 'regional', reason: 'Needs MoD logistics' }),
    );
    expect(climbed.body).toContain('(escalated by Asha Patel)');
    expect(climbed.body).toContain('Reason: "Needs MoD logistics".');
  });

  it('a handover tells the new holder which escalation was handed to them and by whom', () => {
    const handed = escalationEvent('escalation.handed-over', {
      actor: 'Priya Shah',
      heldBy: { key: 'cover', name: 'Dee Cover' },
      handedOverBy: { key: 'ppe-lead', name: 'Priya Shah' },
    });
    expect(message(handed)).toEqual({
      subject: 'Escalation handed to you: FFP3 stock below two days',
      body:
        '"FFP3 stock below two days" (a critical escalation from the ppe cell at the cell level) was handed to you ' +
        'by Priya Shah. It is yours now: open it to see where it stands.\n\n' +
        'You are getting this because you hold the cell level.',
      linkPath: '/escalations/esc-1',
    });
    const sensitive = message({ ...handed, marking: 'OFFICIAL-SENSITIVE' });
    expect(sensitive.subject).toBe('Sensitive escalation handed to you');
    expect(sensitive.body).toContain(
      'A critical escalation from the ppe cell at the cell level was handed to you by Priya Shah.',
    );
    expect(`${sensitive.subject} ${sensitive.body}`).not.toContain('FFP3');
  });

  it('an acknowledgement names who acknowledged, at which level', () => {
    const acked = message(escalationEvent('escalation.acknowledged', { actor: 'Sam Jones', ackDueAt: null }), 'raiser');
    expect(acked.subject).toBe('Critical escalation acknowledged: FFP3 stock below two days');
    expect(acked.body).toContain('Sam Jones acknowledged the critical escalation from the ppe cell at the cell level.');
  });

  it('a resolution quotes how it was resolved', () => {
    const resolved = message(
      escalationEvent('escalation.resolved', { resolution: 'Mutual aid from Coventry', ackDueAt: null }),
      'raiser',
    );
    expect(resolved.subject).toBe('Critical escalation resolved: FFP3 stock below two days');
    expect(resolved.body).toContain('Resolution: "Mutual aid from Coventry".');
  });

  it('an escalation overdue at the top of the ladder says someone must take it', () => {
    const overdue = message(
      escalationEvent('escalation.overdue', { level: 'national', overdue: true, actor: 'system', ackDueAt: null }),
    );
    expect(overdue.subject).toBe('Critical escalation overdue: FFP3 stock below two days');
    expect(overdue.body).toContain('was not acknowledged in time at the national level');
  });

  it('a missed update re-alerts the holder with when it was promised', () => {
    const event: NotifiableEvent = {
      type: 'escalation.update-overdue',
      cell: 'ppe',
      marking: 'OFFICIAL',
      data: { escalationId: 'esc-9', nextUpdateDue: '2026-06-01T12:00:00.000Z' },
    };
    expect(message(event)).toEqual({
      subject: 'An update on an escalation is overdue',
      body:
        'An escalation from the ppe cell was acknowledged with an update promised by 13:00 on Monday 1 June, ' +
        'and none has been posted. Post an update, or resolve it.\n\n' +
        'You are getting this because you hold the current level.',
      linkPath: '/escalations/esc-9',
    });
  });

  it("a decision request opened asks the cell's holder, linking to the cell's requests", () => {
    const event: NotifiableEvent = {
      type: 'decision-request.opened',
      cell: 'ppe',
      marking: 'OFFICIAL',
      data: { id: 'dr-1', question: 'Release the reserve stock?', dueAt: '2026-11-22T17:00:00.000Z', status: 'open' },
    };
    expect(message(event, 'cell-holder')).toEqual({
      subject: 'Decision needed in ppe: Release the reserve stock?',
      body:
        'The ppe cell has been asked for a decision by 17:00 on Sunday 22 November. Question: "Release the reserve stock?".\n\n' +
        "You are getting this because you hold the ppe cell's level.",
      linkPath: '/cells/ppe/decision-requests#request-dr-1',
    });
  });

  it('a decision request overdue tells regional it has been escalated', () => {
    const event: NotifiableEvent = {
      type: 'decision-request.overdue',
      cell: 'ppe',
      marking: 'OFFICIAL',
      data: {
        id: 'dr-1',
        question: 'Release?',
        dueAt: '2026-11-22T17:00:00.000Z',
        status: 'overdue',
        escalationId: 'e',
      },
    };
    const overdue = message(event, 'regional');
    expect(overdue.subject).toBe('Decision overdue in ppe: Release?');
    expect(overdue.body).toContain('has not been made. It has been escalated to regional.');
    expect(overdue.body).toContain('because you hold the regional level');
    expect(overdue.linkPath).toBe('/cells/ppe/decision-requests#request-dr-1');
  });

  it("the daily report goes to the mayor's office with a link to its printable page", () => {
    const event: NotifiableEvent = {
      type: 'feed.published',
      marking: 'OFFICIAL',
      data: { kind: 'daily', date: '2026-11-22', version: 1, generatedAt: '2026-11-22T07:00:00.000Z' },
    };
    expect(message(event, 'mayors-office')).toEqual({
      subject: 'Daily report for Sunday 22 November 2026 is ready',
      body:
        "The region's daily report for Sunday 22 November 2026 has been published. Open it to read or print it.\n\n" +
        "You are getting this because you are in the mayor's office.",
      linkPath: '/feeds/daily/2026-11-22',
    });
  });

  it('the weekly briefing is not sent', () => {
    const event: NotifiableEvent = {
      type: 'feed.published',
      marking: 'OFFICIAL',
      data: { kind: 'weekly', week: '2026-W47', days: [], generatedAt: '2026-11-23T07:00:00.000Z' },
    };
    expect(notificationMessage(event, 'mayors-office', LONDON)).toBeUndefined();
  });

  it('an overdue action tells its owner what was due, linking to the cell', () => {
    const event: NotifiableEvent = {
      type: 'action.overdue',
      cell: 'ppe',
      marking: 'OFFICIAL',
      data: { actionId: 'act-1', cell: 'ppe', action: 'Order 10,000 masks', owner: 'u-1', due: '2026-11-23T10:00:00Z' },
    };
    expect(message(event, 'owner')).toEqual({
      subject: 'Action overdue in ppe: Order 10,000 masks',
      body:
        'An action from a decision of the ppe cell was due by 10:00 on Monday 23 November and is not done. ' +
        'Action: "Order 10,000 masks". Mark it done, or say why not.\n\n' +
        'You are getting this because the action is yours.',
      linkPath: '/cells/ppe',
    });
  });

  it('an event Muster does not message about, or one without its id, gives no message', () => {
    expect(notificationMessage(escalationEvent('sitrep.submitted'), 'holder', LONDON)).toBeUndefined();
    expect(
      notificationMessage(escalationEvent('escalation.raised', { id: undefined }), 'holder', LONDON),
    ).toBeUndefined();
  });

  it('long or multi-line titles are one shortened line', () => {
    const long = message(escalationEvent('escalation.raised', { title: `Line one\nline two ${'x'.repeat(200)}` }));
    expect(long.subject).not.toContain('\n');
    expect(long.subject.length).toBeLessThan(130);
    expect(long.subject).toMatch(/…$/);
  });

  it('ids are escaped in links', () => {
    expect(message(escalationEvent('escalation.raised', { id: '../admin?x=1' })).linkPath).toBe(
      '/escalations/..%2Fadmin%3Fx%3D1',
    );
  });

  it('a sensitive escalation says a sensitive item needs the reader, without its title', () => {
    const sensitive = message({ ...escalationEvent('escalation.raised'), marking: 'OFFICIAL-SENSITIVE' });
    expect(sensitive.subject).toBe('Sensitive critical escalation raised');
    expect(sensitive.body).toContain('It is marked OFFICIAL-SENSITIVE');
    expect(sensitive.body).not.toContain('FFP3');
    expect(sensitive.linkPath).toBe('/escalations/esc-1');
  });
});
