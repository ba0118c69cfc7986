import type { Channel, Recipient } from '@muster/application';
import type { NotifyClient } from 'notifications-node-client';
import type { NotifySent } from './notify-client';
import { NotifySender, type NotifySendOptions } from './notify-sender';

/** SMS through GOV.UK Notify, with one template taking the subject, body and link; the notification id as reference. */
export class NotifySmsSender extends NotifySender {
  readonly channel: Channel = 'sms';
  protected readonly noAddress = 'no mobile number';

  protected addressOf(recipient: Recipient): string | undefined {
    return recipient.mobile;
  }

  protected post(
    client: NotifyClient,
    templateId: string,
    mobile: string,
    options: NotifySendOptions,
  ): Promise<{ data: NotifySent }> {
    return client.sendSms(templateId, mobile, options);
  }
}
