import {
  type Channel,
  ChannelRefused,
  ChannelSender,
  type OutgoingMessage,
  type Recipient,
  type SendReceipt,
} from '@muster/application';
import { callNotify, notifyClient, type NotifySettings, personalisation } from './notify-client';

/** SMS through GOV.UK Notify, with one template taking the subject, body and link; the notification id as reference. */
export class NotifySmsSender extends ChannelSender {
  readonly channel: Channel = 'sms';
  private readonly client;

  constructor(
    settings: NotifySettings,
    private readonly templateId: string,
  ) {
    super();
    this.client = notifyClient(settings);
  }

  reaches(recipient: Recipient): boolean {
    return recipient.mobile !== undefined && recipient.mobile !== '';
  }

  async send(message: OutgoingMessage, to: Recipient): Promise<SendReceipt> {
    const mobile = to.mobile;
    if (mobile === undefined) throw new ChannelRefused('no mobile number', false);
    return callNotify(() =>
      this.client.sendSms(this.templateId, mobile, {
        personalisation: personalisation(message),
        reference: message.id,
      }),
    );
  }
}
