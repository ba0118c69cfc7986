import { ConfigError, loadConfig } from './config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/muster',
  REDIS_URL: 'redis://127.0.0.1:6379',
  AUTH_JWT_SECRET: 'a-development-secret-of-at-least-32-chars',
};
const NOTIFY_KEY = 'muster_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
const TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
const SECRET = 'a-webhook-secret-of-at-least-32-characters';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...valid, ...env });
    return [];
  } catch (error) {
    return (error as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`);
  }
}

describe('channel configuration', () => {
  it('configures no channel by default', () => {
    expect(loadConfig(valid).channels).toEqual({ timeoutMs: 10_000, webhooks: [] });
  });

  it('reads SMTP, Notify, Teams hosts and webhook subscribers with their secrets', () => {
    const config = loadConfig({
      ...valid,
      SMTP_URL: 'smtp://127.0.0.1:2525',
      NOTIFY_API_KEY: NOTIFY_KEY,
      NOTIFY_SMS_TEMPLATE_ID: TEMPLATE,
      NOTIFY_BASE_URL: 'http://127.0.0.1:6011/',
      TEAMS_WEBHOOK_HOSTS: '*.logic.azure.com, Example.org',
      WEBHOOK_SUBSCRIBERS: JSON.stringify([
        { name: 'coventry', url: 'https://coventry.example/muster', secretEnv: 'WEBHOOK_SECRET_COVENTRY' },
      ]),
      WEBHOOK_SECRET_COVENTRY: SECRET,
      CHANNEL_TIMEOUT: '5s',
    });
    expect(config.channels).toEqual({
      timeoutMs: 5000,
      smtp: { url: 'smtp://127.0.0.1:2525', from: 'Muster <muster@localhost>' },
      notify: { apiKey: NOTIFY_KEY, smsTemplateId: TEMPLATE, baseUrl: 'http://127.0.0.1:6011' },
      teams: { hosts: ['*.logic.azure.com', 'example.org'] },
      webhooks: [{ name: 'coventry', url: 'https://coventry.example/muster', secret: SECRET }],
    });
  });

  it('refuses a Notify key not in Notify format, or a key without a template, or a template without a key', () => {
    expect(problemsOf({ NOTIFY_API_KEY: 'not-a-key', NOTIFY_SMS_TEMPLATE_ID: TEMPLATE })).toEqual([
      'NOTIFY_API_KEY: must be a GOV.UK Notify API key: {key name}-{service id}-{secret key}',
    ]);
    expect(problemsOf({ NOTIFY_API_KEY: NOTIFY_KEY })).toEqual([
      'NOTIFY_API_KEY: needs NOTIFY_EMAIL_TEMPLATE_ID or NOTIFY_SMS_TEMPLATE_ID',
    ]);
    expect(problemsOf({ NOTIFY_EMAIL_TEMPLATE_ID: TEMPLATE })).toEqual([
      'NOTIFY_EMAIL_TEMPLATE_ID: needs NOTIFY_API_KEY',
    ]);
  });

  it('refuses an SMTP URL of another scheme', () => {
    expect(problemsOf({ SMTP_URL: 'http://mail.example' })).toEqual(['SMTP_URL: must be an smtp:// or smtps:// URL']);
  });

  it('refuses subscribers that are not a list of name, url and secret variable, or whose secret is short', () => {
    expect(problemsOf({ WEBHOOK_SUBSCRIBERS: '{' })).toEqual(['WEBHOOK_SUBSCRIBERS: must be a JSON array']);
    expect(
      problemsOf({ WEBHOOK_SUBSCRIBERS: JSON.stringify([{ name: 'A B', url: 'ftp://x', secretEnv: 'S' }]) }),
    ).toEqual([
      'WEBHOOK_SUBSCRIBERS.0.name: lower-case letters, digits and -',
      'WEBHOOK_SUBSCRIBERS.0.url: must be an http(s) URL',
    ]);
    const one = { name: 'dudley', url: 'https://dudley.example/hook', secretEnv: 'DUDLEY_SECRET' };
    expect(problemsOf({ WEBHOOK_SUBSCRIBERS: JSON.stringify([one]), DUDLEY_SECRET: 'short' })).toEqual([
      'DUDLEY_SECRET: the secret of webhook subscriber dudley: at least 32 characters',
    ]);
    expect(problemsOf({ WEBHOOK_SUBSCRIBERS: JSON.stringify([one, one]), DUDLEY_SECRET: SECRET })).toEqual([
      'WEBHOOK_SUBSCRIBERS: dudley is named twice',
    ]);
  });

  it('refuses Teams hosts that are not host names', () => {
    expect(problemsOf({ TEAMS_WEBHOOK_HOSTS: 'https://x.example/path' })).toEqual([
      'TEAMS_WEBHOOK_HOSTS: host names separated by commas, each optionally starting *.',
    ]);
  });
});
