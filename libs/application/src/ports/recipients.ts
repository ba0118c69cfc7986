import type { Role } from '@muster/contracts';

/** The ways Muster reaches someone off-screen. */
export const CHANNELS = ['email', 'sms', 'teams', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Escalation severities, as a person's preferences name them (the domain's `Severity`, kept here as data). */
export type NotifiedSeverity = 'critical' | 'high' | 'medium' | 'low';

/**
 * Someone Muster can reach: a person in the directory, a scope's fallback contact point from the region file
 * (the national contact point is one), or a council system subscribed by signed webhook.
 */
export interface Recipient {
  /** A person's `sub`; `contact:<scope>` for a region file's contact point; `webhook:<name>` for a subscriber. */
  key: string;
  name: string;
  email?: string;
  mobile?: string;
  teamsWebhook?: string;
  /** A subscriber's endpoint; its signing secret stays with the channel's configuration, never here. */
  webhookUrl?: string;
  /** Which channels this recipient wants per severity; absent means every channel they have an address for. */
  preferences?: Partial<Record<NotifiedSeverity, Channel[]>>;
}

/** The level an escalation can sit at, or any cell's own level named by its slug. */
export type RotaScope = string;

/**
 * Who is reached, from the people directory, the rotas and the region file's contact points. Read by the
 * commands that record `heldBy` and by the relay when it plans notifications.
 */
export abstract class Recipients {
  /** Who holds `scope` (a cell slug, `regional` or `national`) at `at`: the shift covering it, else the fallback. */
  abstract holderOf(scope: RotaScope, at: Date): Promise<Recipient>;
  /** A person or contact point by key, with their contact details; undefined when unknown. */
  abstract byKey(key: string): Promise<Recipient | undefined>;
  /** Everyone in the directory holding a role (the mayor's office for the daily report). */
  abstract withRole(role: Role): Promise<Recipient[]>;
}
