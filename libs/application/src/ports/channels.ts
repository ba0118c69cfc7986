import type { Channel, Recipient } from './recipients';

/** One message as every channel receives it: short, plain, and linking to where the reader acts. */
export interface OutgoingMessage {
  /** The notification's id: the idempotency key a channel passes on where the provider accepts one. */
  id: string;
  subject: string;
  body: string;
  /** The console page where the reader acts (absolute, from PUBLIC_URL). */
  link: string;
  /** The journal event this message is about, for signed webhooks' machine-readable body. */
  event: { type: string; seq: number; at: string };
}

/** What a provider said when it took the message. */
export interface SendReceipt {
  /** The provider's reference (SMTP message id, Notify's notification id), when it gives one. */
  reference?: string;
  /** The provider's own word for the state (Notify's status, SMTP's response line). */
  status: string;
}

/** Why a send failed, and whether trying again may help (a 5xx or a timeout may; a 400 or a bad address will not). */
export class ChannelRefused extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ChannelRefused';
  }
}

/** One channel (SMTP, GOV.UK Notify email or SMS, Teams, signed webhooks) behind one port. */
export abstract class ChannelSender {
  abstract readonly channel: Channel;
  /** Whether this recipient has an address on this channel. */
  abstract reaches(recipient: Recipient): boolean;
  /** Sends once; throws ChannelRefused when the provider refuses. */
  abstract send(message: OutgoingMessage, to: Recipient): Promise<SendReceipt>;
}

/** Injection token for every configured ChannelSender (`ChannelSender[]`, empty when none is configured). */
export const CHANNEL_SENDERS = Symbol('muster.channel-senders');
