import { closeSenders, configuredSenders } from './configured-senders';

const NOTIFY = {
  apiKey: 'k-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0',
  emailTemplateId: 'f33517ff-2a88-4f6e-b855-c550268ce08a',
  smsTemplateId: '0d5ac0c1-8a7f-4f35-9e4d-2b3a8b2d7e61',
};

function report(config: Parameters<typeof configuredSenders>[0]) {
  const { senders, statuses } = configuredSenders(config);
  closeSenders(senders);
  return {
    channels: senders.map((s) => `${s.channel}:${s.constructor.name}`),
    lines: statuses.map((s) => `${s.route}: ${s.configured ? 'configured' : 'skipped'}, ${s.detail}`),
  };
}

describe('the channels a configuration turns on', () => {
  it('skips every channel not configured, saying which variable would turn it on', () => {
    expect(report({ timeoutMs: 1000, webhooks: [] })).toEqual({
      channels: [],
      lines: [
        'email (SMTP): skipped, SMTP_URL is not set',
        'email (GOV.UK Notify): skipped, NOTIFY_API_KEY is not set',
        'sms (GOV.UK Notify): skipped, NOTIFY_API_KEY is not set',
        'teams: skipped, TEAMS_WEBHOOK_HOSTS is not set',
        'webhook: skipped, WEBHOOK_SUBSCRIBERS is not set',
      ],
    });
  });

  it('sends email by SMTP when SMTP_URL is set, never by Notify too; logs no credentials', () => {
    const config = {
      timeoutMs: 1000,
      smtp: { url: 'smtp://user:p4ssw0rd@mail.example:587', from: 'muster@example.org' },
      notify: NOTIFY,
      teams: { hosts: ['*.logic.azure.com'] },
      webhooks: [{ name: 'coventry', url: 'https://coventry.example/hook', secret: 's'.repeat(32) }],
    };
    const { channels, lines } = report(config);
    expect(channels).toEqual(['email:SmtpSender', 'sms:NotifySmsSender', 'teams:TeamsSender', 'webhook:WebhookSender']);
    expect(lines).toEqual([
      'email (SMTP): configured, to smtp://mail.example:587',
      'email (GOV.UK Notify): skipped, SMTP_URL is set, so email goes by SMTP',
      'sms (GOV.UK Notify): configured, to GOV.UK Notify',
      'teams: configured, to workflow URLs on *.logic.azure.com',
      'webhook: configured, to coventry',
    ]);
    expect(lines.join('\n')).not.toMatch(/p4ssw0rd|3d844edf|sssss/);
  });

  it('sends email by Notify when it has an email template and SMTP is not set', () => {
    expect(report({ timeoutMs: 1000, notify: { ...NOTIFY, smsTemplateId: undefined }, webhooks: [] })).toMatchObject({
      channels: ['email:NotifyEmailSender'],
      lines: expect.arrayContaining(['sms (GOV.UK Notify): skipped, NOTIFY_SMS_TEMPLATE_ID is not set']) as string[],
    });
  });
});
