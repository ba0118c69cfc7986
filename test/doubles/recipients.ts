import type { Role } from '@muster/contracts';
import { contactKey } from '@muster/domain';
import { type Recipient, Recipients, type RotaScope } from '@muster/application';

/**
 * Who holds each scope, set by the test: shifts with times (`hold`), a holder at any time (`holds`), a
 * fallback (`fallback`); a scope with none of these falls back to its contact point, `contact:<scope>`, as
 * the real adapter does outside every shift. A directory with roles (`add`). Records each question asked.
 */
export class FakeRecipients extends Recipients {
  readonly holders = new Map<string, Recipient>();
  readonly people = new Map<string, Recipient & { roles?: Role[] }>();
  readonly shifts: Array<{ scope: RotaScope; key: string; from: Date; to: Date }> = [];
  readonly fallbacks = new Map<RotaScope, Recipient>();
  readonly asked: Array<{ scope: string; at: Date }> = [];

  /** Adds (or replaces) a person or contact point. */
  add(recipient: Recipient & { roles?: Role[] }): this {
    this.people.set(recipient.key, recipient);
    return this;
  }

  holds(scope: string, recipient: Recipient): this {
    this.holders.set(scope, recipient);
    this.people.set(recipient.key, recipient);
    return this;
  }

  /** `key` (added first) holds `scope` from `from` to `to`. */
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
    return Promise.resolve(
      onShift ??
        this.holders.get(scope) ??
        this.fallbacks.get(scope) ?? { key: contactKey(scope), name: `The ${scope} duty contact` },
    );
  }

  async byKey(key: string): Promise<Recipient | undefined> {
    return Promise.resolve(this.people.get(key));
  }

  async withRole(role: Role): Promise<Recipient[]> {
    return Promise.resolve([...this.people.values()].filter((p) => p.roles?.includes(role) === true));
  }
}
