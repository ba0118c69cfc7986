import type { ChannelSender } from '@muster/application';
import type { ChannelsConfig } from '@muster/config';
import { NotifyEmailSender } from './notify-email-sender';
import { NotifySmsSender } from './notify-sms-sender';
import { SmtpSender } from './smtp-sender';
import { TeamsSender } from './teams-sender';
import { WebhookSender } from './webhook-sender';

/** One line of the worker's start-up report: a channel's route, and whether it is on (and where) or why not. */
export interface ChannelStatus {
  route: 'email (SMTP)' | 'email (GOV.UK Notify)' | 'sms (GOV.UK Notify)' | 'teams' | 'webhook';
  configured: boolean;
  /** Where it sends (no credentials), or why it is skipped. */
  detail: string;
}

/** An address to show in a log: scheme, host and port only (an SMTP URL may carry a user and password). */
function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * The senders the configuration turns on, and a status line for every route. Email goes by SMTP when
 * SMTP_URL is set, else by Notify when it has an email template: never both, so nobody gets each email twice.
 */
export function configuredSenders(config: ChannelsConfig): { senders: ChannelSender[]; statuses: ChannelStatus[] } {
  const senders: ChannelSender[] = [];
  const statuses: ChannelStatus[] = [];
  const { timeoutMs, smtp, notify, teams, webhooks } = config;
  const on = (route: ChannelStatus['route'], sender: ChannelSender, detail: string) => {
    senders.push(sender);
    statuses.push({ route, configured: true, detail });
  };
  const off = (route: ChannelStatus['route'], detail: string) => statuses.push({ route, configured: false, detail });

  if (smtp !== undefined) on('email (SMTP)', new SmtpSender({ ...smtp, timeoutMs }), `to ${hostOf(smtp.url)}`);
  else off('email (SMTP)', 'SMTP_URL is not set');

  const notifySettings = notify && { apiKey: notify.apiKey, baseUrl: notify.baseUrl, timeoutMs };
  const notifyAt = `to ${notify?.baseUrl === undefined ? 'GOV.UK Notify' : hostOf(notify.baseUrl)}`;
  if (notify === undefined || notifySettings === undefined) off('email (GOV.UK Notify)', 'NOTIFY_API_KEY is not set');
  else if (notify.emailTemplateId === undefined) off('email (GOV.UK Notify)', 'NOTIFY_EMAIL_TEMPLATE_ID is not set');
  else if (smtp !== undefined) off('email (GOV.UK Notify)', 'SMTP_URL is set, so email goes by SMTP');
  else on('email (GOV.UK Notify)', new NotifyEmailSender(notifySettings, notify.emailTemplateId), notifyAt);

  if (notify === undefined || notifySettings === undefined) off('sms (GOV.UK Notify)', 'NOTIFY_API_KEY is not set');
  else if (notify.smsTemplateId === undefined) off('sms (GOV.UK Notify)', 'NOTIFY_SMS_TEMPLATE_ID is not set');
  else on('sms (GOV.UK Notify)', new NotifySmsSender(notifySettings, notify.smsTemplateId), notifyAt);

  if (teams === undefined) off('teams', 'TEAMS_WEBHOOK_HOSTS is not set');
  else on('teams', new TeamsSender({ hosts: teams.hosts, timeoutMs }), `to workflow URLs on ${teams.hosts.join(', ')}`);

  if (webhooks.length === 0) off('webhook', 'WEBHOOK_SUBSCRIBERS is not set');
  else on('webhook', new WebhookSender(webhooks, timeoutMs), `to ${webhooks.map((w) => w.name).join(', ')}`);

  return { senders, statuses };
}

/** Lets go of what senders hold open (SMTP's pooled connections), at shutdown. */
export function closeSenders(senders: readonly ChannelSender[]): void {
  for (const sender of senders) if (sender instanceof SmtpSender) sender.close();
}
