import { z } from 'zod';
import { CHANNELS, NOTIFICATION_STATUSES } from '@muster/application';
import { instant } from '../http/responses';

export const notification = z
  .strictObject({
    id: z.string().meta({ description: 'The notification id: also the idempotency key given to the provider.' }),
    event: z.strictObject({ seq: z.number().int().min(1), type: z.string() }),
    recipient: z
      .strictObject({ key: z.string(), name: z.string() })
      .meta({ description: 'Who was told: a person’s `sub` or a contact point’s key, and a name; never an address.' }),
    channel: z.enum(CHANNELS),
    status: z.enum(NOTIFICATION_STATUSES),
    attempts: z.number().int().min(0),
    createdAt: instant,
    sentAt: instant.nullable().meta({ description: 'When the provider accepted it (SMTP’s 250, Notify’s 201).' }),
    deliveredAt: instant.nullable().meta({ description: 'When the provider said it was delivered, if it says.' }),
    providerStatus: z.string().nullable(),
    lastError: z
      .string()
      .nullable()
      .meta({ description: 'Why the last attempt failed, or why it was cancelled; never the message.' }),
    nextAttemptAt: instant.nullable().meta({ description: 'When a pending notification is tried next.' }),
  })
  .meta({ id: 'Notification' });

export const escalationNotifications = z
  .strictObject({ items: z.array(notification) })
  .meta({ id: 'EscalationNotifications' });
