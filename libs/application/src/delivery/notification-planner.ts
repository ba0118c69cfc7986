import type { Recipient, Recipients } from '../ports/recipients';
import {
  type Addressee,
  type Audience,
  audienceOf,
  type NotifiableEvent,
  planNotifications,
  type PlannedNotification,
  type ReachableChannel,
} from './notification-plan';

/**
 * Resolves each event's audience through the directory and the rotas, then plans (pure) who is told on
 * which channel. Holders are taken as recorded on the step (`heldBy`), else as the rota stood when the
 * event happened, so planning the same event again plans the same rows.
 */
export class NotificationPlanner {
  constructor(
    private readonly recipients: Recipients,
    private readonly channels: readonly ReachableChannel[],
    /**
     * Councils' systems subscribed by signed webhook: told of every notified OFFICIAL event. Nobody stands
     * behind a machine to hold a clearance, so an OFFICIAL-SENSITIVE item's notices never go to one.
     */
    private readonly subscribers: readonly Recipient[] = [],
  ) {}

  /** Whether any channel is configured: with none, nothing is ever planned. */
  get active(): boolean {
    return this.channels.length > 0;
  }

  async plan(events: readonly NotifiableEvent[]): Promise<PlannedNotification[]> {
    if (!this.active) return [];
    const rows: PlannedNotification[] = [];
    for (const event of events) {
      const planned = audienceOf(event);
      if (planned === undefined) continue;
      const resolved = await Promise.all(planned.audience.map((who) => this.resolve(who, event.at)));
      const subscribed: Addressee[] =
        event.marking === 'OFFICIAL' ? this.subscribers.map((recipient) => ({ recipient, reason: 'subscriber' })) : [];
      rows.push(...planNotifications(event, planned, [...resolved.flat(), ...subscribed], this.channels));
    }
    return rows;
  }

  private async resolve(who: Audience, at: string): Promise<Addressee[]> {
    const told = (recipient: Recipient | undefined): Addressee[] =>
      recipient === undefined ? [] : [{ recipient, reason: who.reason }];
    switch (who.kind) {
      case 'holder':
        return who.heldBy !== undefined
          ? told(await this.recipients.byKey(who.heldBy.key))
          : told(await this.recipients.holderOf(who.scope, new Date(at)));
      case 'person':
        return told(await this.recipients.byKey(who.key));
      case 'role':
        return (await this.recipients.withRole(who.role)).flatMap(told);
    }
  }
}
