import {
  type Channel,
  ChannelRefused,
  ChannelSender,
  type OutgoingMessage,
  type Recipient,
  type SendReceipt,
} from '@muster/application';
import { callNotify, notifyClient, type NotifySettings, personalisation } from './notify-client';

/** Email through GOV.UK Notify, with one template taking the subject, body and link; the notification id as reference. */
export class NotifyEmailSender extends ChannelSender {
  readonly channel: Channel = 'email';
  private readonly client;

  constructor(
    settings: NotifySettings,
    private readonly templateId: string,
  ) {
    super();
    this.client = notifyClient(settings);
  }

  reaches(recipient: Recipient): boolean {
    return recipient.email !== undefined && recipient.email !== '';
  }

  async send(message: OutgoingMessage, to: Recipient): Promise<SendReceipt> {
    const email = to.email;
    if (email === undefined) throw new ChannelRefused('no email address', false);
    return callNotify(() =>
      this.client.sendEmail(this.templateId, email, {
        personalisation: personalisation(message),
        reference: message.id,
      }),
    );
  }
}
