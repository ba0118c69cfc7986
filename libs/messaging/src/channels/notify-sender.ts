import {
  ChannelRefused,
  ChannelSender,
  type OutgoingMessage,
  type Recipient,
  type SendReceipt,
} from '@muster/application';
import type { NotifyClient } from 'notifications-node-client';
import { callNotify, notifyClient, type NotifySent, type NotifySettings, personalisation } from './notify-client';

/** What Notify takes with every send: the template's personalisation and our notification id as reference. */
export interface NotifySendOptions {
  personalisation: Record<string, string>;
  reference: string;
}

/**
 * One GOV.UK Notify template sent to the recipient's address on this channel (email or SMS); each channel says
 * only which address it uses and which of the client's calls sends to it.
 */
export abstract class NotifySender extends ChannelSender {
  private readonly client: NotifyClient;

  constructor(
    settings: NotifySettings,
    private readonly templateId: string,
  ) {
    super();
    this.client = notifyClient(settings);
  }

  /** The recipient's address on this channel, if they gave one. */
  protected abstract addressOf(recipient: Recipient): string | undefined;
  /** Why a recipient without that address cannot be sent to. */
  protected abstract readonly noAddress: string;
  protected abstract post(
    client: NotifyClient,
    templateId: string,
    address: string,
    options: NotifySendOptions,
  ): Promise<{ data: NotifySent }>;

  reaches(recipient: Recipient): boolean {
    const address = this.addressOf(recipient);
    return address !== undefined && address !== '';
  }

  async send(message: OutgoingMessage, to: Recipient): Promise<SendReceipt> {
    const address = this.addressOf(to);
    if (address === undefined) throw new ChannelRefused(this.noAddress, false);
    return callNotify(() =>
      this.post(this.client, this.templateId, address, {
        personalisation: personalisation(message),
        reference: message.id,
      }),
    );
  }
}
