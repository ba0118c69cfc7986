import type { OutgoingMessage, Recipient } from '@muster/application';

/** A message as the delivery engine hands it to a channel, with overrides. */
export function outgoingMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    id: '7d3f1c2a-5b8e-4f0a-9c6d-1e2f3a4b5c6d',
    subject: 'Critical escalation raised: FFP3 stock below two days',
    body:
      'Asha Patel raised a critical escalation from the ppe cell at the cell level. It needs acknowledging by 09:15 ' +
      'on Sunday 22 November. Escalation: "FFP3 stock below two days".\n\nYou are getting this because you hold the cell level.',
    link: 'https://muster.example.gov.uk/escalations/esc-1',
    event: { type: 'escalation.raised', seq: 42, at: '2026-11-22T09:00:00.000Z' },
    ...overrides,
  };
}

/** Someone reachable on every channel, with overrides. */
export function messageRecipient(overrides: Partial<Recipient> = {}): Recipient {
  return {
    key: 'u-holder',
    name: 'Cell Holder',
    email: 'holder@birmingham.example.gov.uk',
    mobile: '07700900123',
    teamsWebhook: 'https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke',
    ...overrides,
  };
}
