import { Recipients, type Recipient, type RotaScope } from '@muster/application';
import type { Role } from '@muster/contracts';
import { contactKey } from '@muster/domain';

/**
 * Rotas and a directory in memory. A test either names a scope's holder outright (`holds`) or gives shifts
 * (`hold`) and fallbacks (`fallback`); a scope with none of these falls back to its contact point,
 * `contact:<scope>`, as the real adapter does outside every shift. Records each question it was asked.
 */
export class FakeRecipients extends Recipients {
  readonly holders = new Map<RotaScope, Recipient>();
  readonly people = new Map<string, Recipient & { roles?: Role[] }>();
  readonly shifts: Array<{ scope: RotaScope; key: string; from: Date; to: Date }> = [];
  readonly fallbacks = new Map<RotaScope, Recipient>();
  readonly asked: Array<{ scope: RotaScope; at: Date }> = [];

  /** `recipient` holds `scope` at every instant. */
  holds(scope: RotaScope, recipient: Recipient): this {
    this.holders.set(scope, recipient);
    this.people.set(recipient.key, recipient);
    return this;
  }

  /** Adds (or replaces) a person or contact point. */
  add(recipient: Recipient & { roles?: Role[] }): this {
    this.people.set(recipient.key, recipient);
    return this;
  }

  /** `key` holds `scope` from `from` to `to`. */
  hold(scope: RotaScope, key: string, from = new Date(0), to = new Date(8.64e15)): this {
    this.shifts.push({ scope, key, from, to });
    return this;
  }

  fallback(scope: RotaScope, recipient: Recipient): this {
    this.fallbacks.set(scope, recipient);
    this.people.set(recipient.key, recipient);
    return this;
  }

  async holderOf(scope: RotaScope, at: Date): Promise<Recipient> {
    this.asked.push({ scope, at });
    const shift = this.shifts.find((s) => s.scope === scope && s.from <= at && at < s.to);
    const onShift = shift === undefined ? undefined : this.people.get(shift.key);
    const holder = this.holders.get(scope) ?? onShift ?? this.fallbacks.get(scope);
    return Promise.resolve(holder ?? { key: contactKey(scope), name: `The ${scope} duty contact` });
  }

  async byKey(key: string): Promise<Recipient | undefined> {
    return Promise.resolve(this.people.get(key));
  }

  async withRole(role: Role): Promise<Recipient[]> {
    return Promise.resolve([...this.people.values()].filter((p) => p.roles?.includes(role) === true));
  }
}
