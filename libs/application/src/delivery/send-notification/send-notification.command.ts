import { Command } from '@nestjs/cqrs';
import type { Channel } from '../../ports/recipients';

/** What one attempt found or did (and on which channel, for the metrics); `retry` and `early` say when to come back. */
export type SendOutcome =
  | { outcome: 'settled' }
  | { outcome: 'sent' | 'cancelled' | 'failed'; channel: Channel }
  | { outcome: 'retry' | 'early'; dueAt: string; channel?: Channel };

/** Run by the `notifications` queue's job: carries the row's id only, and re-reads the row. */
export class SendNotification extends Command<SendOutcome> {
  constructor(readonly notificationId: string) {
    super();
  }
}
