import axios, { isAxiosError } from 'axios';
import { NotifyClient } from 'notifications-node-client';
import { ChannelRefused, type OutgoingMessage } from '@muster/application';
import { refusedByError, refusedByStatus } from './channel-failure';

export interface NotifySettings {
  apiKey: string;
  baseUrl?: string;
  timeoutMs: number;
}

/** What every Muster template in Notify uses: `((subject))`, `((body))` and `((link))`. */
export function personalisation(message: OutgoingMessage): Record<string, string> {
  return { subject: message.subject, body: message.body, link: message.link };
}

/** The Notify client with a timeout of ours (its own has none), at Notify's address or the one configured. */
export function notifyClient(settings: NotifySettings): NotifyClient {
  const client =
    settings.baseUrl === undefined
      ? new NotifyClient(settings.apiKey)
      : new NotifyClient(settings.baseUrl, settings.apiKey);
  client.setClient(axios.create({ timeout: settings.timeoutMs }));
  return client;
}

/** Notify's answer to a send: 201 with the notification it created, which starts in status `created`. */
export interface NotifySent {
  id: string;
}

/** Runs one call to Notify, turning its failures into ChannelRefused: 429 and 5xx retryable, other 4xx not. */
export async function callNotify(
  send: () => Promise<{ data: NotifySent }>,
): Promise<{ reference: string; status: string }> {
  try {
    const { data } = await send();
    // A fresh notification's status is `created` (Notify's first state); delivery callbacks move it on.
    return { reference: data.id, status: 'created' };
  } catch (error) {
    if (isAxiosError(error) && error.response !== undefined) {
      throw refusedByStatus('GOV.UK Notify', error.response.status);
    }
    if (error instanceof ChannelRefused) throw error;
    throw refusedByError('GOV.UK Notify', error);
  }
}
