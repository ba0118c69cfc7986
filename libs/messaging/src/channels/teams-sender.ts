import {
  type Channel,
  ChannelRefused,
  ChannelSender,
  type OutgoingMessage,
  type Recipient,
  type SendReceipt,
} from '@muster/application';
import { postJson } from './http-post';

export interface TeamsSettings {
  /** Host names a person's workflow URL may point at; `*.example.com` matches any subdomain. */
  hosts: string[];
  timeoutMs: number;
}

/**
 * The message as Microsoft documents for a Teams workflow ("Post to a channel when a webhook request is
 * received"): one Adaptive Card attachment, the subject as its heading, the body, and a button to the link.
 */
export function adaptiveCard(message: OutgoingMessage): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: message.subject, weight: 'Bolder', size: 'Medium', wrap: true },
            ...message.body.split(/\n{2,}/).map((paragraph) => ({ type: 'TextBlock', text: paragraph, wrap: true })),
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Open in Muster', url: message.link }],
        },
      },
    ],
  };
}

/** Whether `url` is an http(s) address on one of the allowed hosts. */
export function allowedUrl(url: string, hosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  const host = parsed.hostname.toLowerCase();
  return hosts.some((allowed) =>
    allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) && host.length > allowed.length - 1 : host === allowed,
  );
}

/**
 * Microsoft Teams through the workflow webhook a person gave as their `teamsWebhook`. People type those URLs,
 * so only the configured hosts are ever posted to: a profile cannot point Muster's worker at an internal address.
 */
export class TeamsSender extends ChannelSender {
  readonly channel: Channel = 'teams';

  constructor(private readonly settings: TeamsSettings) {
    super();
  }

  reaches(recipient: Recipient): boolean {
    return recipient.teamsWebhook !== undefined && allowedUrl(recipient.teamsWebhook, this.settings.hosts);
  }

  async send(message: OutgoingMessage, to: Recipient): Promise<SendReceipt> {
    const url = to.teamsWebhook;
    if (url === undefined || !allowedUrl(url, this.settings.hosts)) {
      throw new ChannelRefused('no Teams workflow URL on an allowed host', false);
    }
    const { status } = await postJson('Teams workflow', url, JSON.stringify(adaptiveCard(message)), {
      timeoutMs: this.settings.timeoutMs,
    });
    return { status: `HTTP ${String(status)}` };
  }
}
