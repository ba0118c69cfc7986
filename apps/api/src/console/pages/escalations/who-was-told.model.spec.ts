import type { NotificationView } from '@muster/application';
import { whoWasTold } from './who-was-told.model';

const base: NotificationView = {
  id: 'n-1',
  event: { seq: 4, type: 'escalation.escalated' },
  recipient: { key: 'regional-sam', name: 'Sam Hughes' },
  channel: 'email',
  status: 'sent',
  attempts: 1,
  createdAt: '2026-12-04T09:00:00.000Z',
  sentAt: '2026-12-04T09:00:02.000Z',
  deliveredAt: null,
  providerStatus: '250 2.0.0 OK',
  lastError: null,
  nextAttemptAt: null,
};

describe('who was told, on the escalation page', () => {
  it('names the person, what about, how, the outcome in words, and when', () => {
    expect(whoWasTold([base], 'Europe/London')).toEqual([
      {
        who: 'Sam Hughes',
        about: 'Climbed',
        how: 'Email',
        status: { text: 'Sent', classes: 'govuk-tag--green' },
        when: expect.stringMatching(/^09:00 on .*4 December 2026$/),
      },
    ]);
  });

  it('says how many attempts a send took, and why one was not sent', () => {
    const [retried, cancelled] = whoWasTold(
      [
        { ...base, attempts: 3 },
        {
          ...base,
          status: 'cancelled',
          sentAt: null,
          lastError: 'the escalation was acknowledged before this was sent',
        },
      ],
      'Europe/London',
    );
    expect(retried?.when).toMatch(/after 3 attempts$/);
    expect(cancelled?.status.text).toBe('Not sent');
    expect(cancelled?.when).toMatch(/acknowledged before this was sent$/);
  });

  it('never shows an address', () => {
    expect(JSON.stringify(whoWasTold([base], 'UTC'))).not.toMatch(/@|regional-sam/);
  });
});
