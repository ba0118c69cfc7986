import { Recipients, type Recipient, type RotaScope } from '@muster/application';
import type { Role } from '@muster/contracts';

/** A rota in memory: shifts per scope, a fallback per scope, and a directory with roles. */
export class FakeRecipients extends Recipients {
  readonly people = new Map<string, Recipient & { roles?: Role[] }>();
  readonly shifts: Array<{ scope: RotaScope; key: string; from: Date; to: Date }> = [];
  readonly fallbacks = new Map<RotaScope, Recipient>();

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
    const shift = this.shifts.find((s) => s.scope === scope && s.from <= at && at < s.to);
    const held = shift === undefined ? undefined : this.people.get(shift.key);
    const holder = held ?? this.fallbacks.get(scope);
    if (holder === undefined) throw new Error(`no holder and no fallback for ${scope}`);
    return Promise.resolve(holder);
  }

  async byKey(key: string): Promise<Recipient | undefined> {
    return Promise.resolve(this.people.get(key));
  }

  async withRole(role: Role): Promise<Recipient[]> {
    return Promise.resolve([...this.people.values()].filter((p) => p.roles?.includes(role) === true));
  }
}
