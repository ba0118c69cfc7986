import type { Role } from '@muster/contracts';
import { contactKey } from '@muster/domain';
import { type Recipient, Recipients } from '@muster/application';

/**
 * Who holds each scope, set by the test (`holds`); a scope nobody was set for falls back to its contact point,
 * `contact:<scope>`, as the real adapter does outside every shift. Records each question it was asked.
 */
export class FakeRecipients extends Recipients {
  readonly holders = new Map<string, Recipient>();
  readonly people = new Map<string, Recipient & { roles?: Role[] }>();
  readonly asked: Array<{ scope: string; at: Date }> = [];

  holds(scope: string, recipient: Recipient): this {
    this.holders.set(scope, recipient);
    this.people.set(recipient.key, recipient);
    return this;
  }

  async holderOf(scope: string, at: Date): Promise<Recipient> {
    this.asked.push({ scope, at });
    return this.holders.get(scope) ?? { key: contactKey(scope), name: `The ${scope} duty contact` };
  }

  async byKey(key: string): Promise<Recipient | undefined> {
    return this.people.get(key);
  }

  async withRole(role: Role): Promise<Recipient[]> {
    return [...this.people.values()].filter((p) => p.roles?.includes(role));
  }
}
