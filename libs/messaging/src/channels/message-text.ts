import type { OutgoingMessage } from '@muster/application';

/** The plain-text email: the message, then where to act. */
export function emailText(message: OutgoingMessage): string {
  return `${message.body}\n\nOpen it in Muster: ${message.link}\n`;
}
