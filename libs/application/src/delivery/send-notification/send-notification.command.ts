import { Command } from '@nestjs/cqrs';

/** What one attempt found or did; `retry` and `early` say when to come back. */
export type SendOutcome =
  { outcome: 'sent' | 'cancelled' | 'failed' | 'settled' } | { outcome: 'retry' | 'early'; dueAt: string };

/** Run by the `notifications` queue's job: carries the row's id only, and re-reads the row. */
export class SendNotification extends Command<SendOutcome> {
  constructor(readonly notificationId: string) {
    super();
  }
}
