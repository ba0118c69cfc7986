import type { Channel, Recipient } from '@muster/application';
import type { NotifyClient } from 'notifications-node-client';
import type { NotifySent } from './notify-client';
import { NotifySender, type NotifySendOptions } from './notify-sender';

/** Email through GOV.UK Notify, with one template taking the subject, body and link; the notification id as reference. */
export class NotifyEmailSender extends NotifySender {
  readonly channel: Channel = 'email';
  protected readonly noAddress = 'no email address';

  protected addressOf(recipient: Recipient): string | undefined {
    return recipient.email;
  }

  protected post(
    client: NotifyClient,
    templateId: string,
    email: string,
    options: NotifySendOptions,
  ): Promise<{ data: NotifySent }> {
    return client.sendEmail(templateId, email, options);
  }
}
