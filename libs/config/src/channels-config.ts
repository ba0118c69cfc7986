import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from './duration';

/** A council system subscribed to signed webhooks; its secret is read from the variable the subscriber names. */
export interface WebhookSubscriber {
  name: string;
  url: string;
  secret: string;
}

/** How Muster reaches people off-screen. A channel left undefined is not configured, and is skipped. */
export interface ChannelsConfig {
  /** How long one send may take before it counts as a (retryable) timeout. */
  timeoutMs: number;
  smtp?: { url: string; from: string };
  /** GOV.UK Notify: email when it has an email template and SMTP is not set; SMS when it has an SMS template. */
  notify?: { apiKey: string; emailTemplateId?: string; smsTemplateId?: string; baseUrl?: string };
  /** Hosts Teams workflow webhooks may be posted to (`*.example.com` matches subdomains): people's URLs go nowhere else. */
  teams?: { hosts: string[] };
  webhooks: WebhookSubscriber[];
}

const unsetIfEmpty = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value));

/** An optional variable: empty is unset, anything else must pass `rule`. */
function optional(rule: z.ZodType<string, string>) {
  return unsetIfEmpty.pipe(rule.optional()).optional();
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `{key name}-{service id}-{secret key}`, both ids UUIDs (GOV.UK Notify's API key format). */
const NOTIFY_KEY =
  /^.+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

const subscriberSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and -'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  secretEnv: z.string().regex(/^[A-Z][A-Z0-9_]{0,127}$/, 'the name of an environment variable'),
});
type SubscriberEntry = z.infer<typeof subscriberSchema>;

/** The channels' variables, merged into the process schema (config.schema.ts). */
export const channelVariables = {
  CHANNEL_TIMEOUT: z
    .string()
    .regex(DURATION_PATTERN, 'a duration such as 500ms, 2s or 1m')
    .refine((value) => parseDuration(value) > 0, 'must be longer than zero')
    .default('10s'),
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })),
  SMTP_FROM: z.string().trim().min(3).max(320).default('Muster <muster@localhost>'),
  // A secret is never trimmed; empty means unset.
  NOTIFY_API_KEY: z
    .string()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(
      z.string().regex(NOTIFY_KEY, 'must be a GOV.UK Notify API key: {key name}-{service id}-{secret key}').optional(),
    )
    .optional(),
  NOTIFY_EMAIL_TEMPLATE_ID: optional(z.string().regex(uuid, 'must be a template id (a UUID)')),
  NOTIFY_SMS_TEMPLATE_ID: optional(z.string().regex(uuid, 'must be a template id (a UUID)')),
  NOTIFY_BASE_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  TEAMS_WEBHOOK_HOSTS: optional(
    z
      .string()
      .refine(
        (value) => value.split(',').every((host) => HOST_PATTERN.test(host.trim())),
        'host names separated by commas, each optionally starting *.',
      ),
  ),
  WEBHOOK_SUBSCRIBERS: optional(z.string()),
};

type Problem = { variable: string; message: string };

/** Parses WEBHOOK_SUBSCRIBERS: `[{ "name", "url", "secretEnv" }]`, names unique. */
function subscriberEntries(text: string | undefined): { entries: SubscriberEntry[]; problems: Problem[] } {
  if (text === undefined || text.trim() === '') return { entries: [], problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { entries: [], problems: [{ variable: 'WEBHOOK_SUBSCRIBERS', message: 'must be a JSON array' }] };
  }
  const parsed = z.array(subscriberSchema).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      variable: ['WEBHOOK_SUBSCRIBERS', ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
    return { entries: [], problems };
  }
  const names = parsed.data.map((entry) => entry.name);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  const problems = repeated.map((name) => ({ variable: 'WEBHOOK_SUBSCRIBERS', message: `${name} is named twice` }));
  return { entries: parsed.data, problems };
}

/** Rules between the channels' variables, on the raw environment (a subscriber's secret variable included). */
export function channelProblems(env: Record<string, string | undefined>): Problem[] {
  const present = (name: string) => (env[name] ?? '').trim() !== '';
  const problems: Problem[] = [];
  const templates = ['NOTIFY_EMAIL_TEMPLATE_ID', 'NOTIFY_SMS_TEMPLATE_ID'];
  if (present('NOTIFY_API_KEY') && !templates.some(present)) {
    problems.push({ variable: 'NOTIFY_API_KEY', message: 'needs NOTIFY_EMAIL_TEMPLATE_ID or NOTIFY_SMS_TEMPLATE_ID' });
  }
  for (const template of templates.filter(present)) {
    if (!present('NOTIFY_API_KEY')) problems.push({ variable: template, message: 'needs NOTIFY_API_KEY' });
  }
  const { entries, problems: listProblems } = subscriberEntries(env.WEBHOOK_SUBSCRIBERS);
  problems.push(...listProblems);
  for (const entry of entries) {
    if ((env[entry.secretEnv] ?? '').length < 32) {
      problems.push({
        variable: entry.secretEnv,
        message: `the secret of webhook subscriber ${entry.name}: at least 32 characters`,
      });
    }
  }
  return problems;
}

interface ChannelValues {
  CHANNEL_TIMEOUT: string;
  SMTP_URL?: string | undefined;
  SMTP_FROM: string;
  NOTIFY_API_KEY?: string | undefined;
  NOTIFY_EMAIL_TEMPLATE_ID?: string | undefined;
  NOTIFY_SMS_TEMPLATE_ID?: string | undefined;
  NOTIFY_BASE_URL?: string | undefined;
  TEAMS_WEBHOOK_HOSTS?: string | undefined;
  WEBHOOK_SUBSCRIBERS?: string | undefined;
}

/** The channels as configured; called once the schema and channelProblems found nothing wrong. */
export function channelsConfig(v: ChannelValues, env: Record<string, string | undefined>): ChannelsConfig {
  const apiKey = v.NOTIFY_API_KEY;
  return {
    timeoutMs: parseDuration(v.CHANNEL_TIMEOUT),
    ...(v.SMTP_URL !== undefined && { smtp: { url: v.SMTP_URL, from: v.SMTP_FROM } }),
    ...(apiKey !== undefined && {
      notify: {
        apiKey,
        ...(v.NOTIFY_EMAIL_TEMPLATE_ID !== undefined && { emailTemplateId: v.NOTIFY_EMAIL_TEMPLATE_ID }),
        ...(v.NOTIFY_SMS_TEMPLATE_ID !== undefined && { smsTemplateId: v.NOTIFY_SMS_TEMPLATE_ID }),
        ...(v.NOTIFY_BASE_URL !== undefined && { baseUrl: v.NOTIFY_BASE_URL.replace(/\/+$/, '') }),
      },
    }),
    ...(v.TEAMS_WEBHOOK_HOSTS !== undefined && {
      teams: { hosts: v.TEAMS_WEBHOOK_HOSTS.split(',').map((host) => host.trim().toLowerCase()) },
    }),
    webhooks: subscriberEntries(v.WEBHOOK_SUBSCRIBERS).entries.map(({ name, url, secretEnv }) => ({
      name,
      url,
      secret: env[secretEnv] ?? '',
    })),
  };
}
