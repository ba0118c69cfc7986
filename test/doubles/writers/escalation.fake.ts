import { type Escalation, scopeOfLevel } from '@muster/domain';
import { EscalationWriter } from '@muster/application';
import { type FakeTables, fakeWriterFor } from '../fake-store';
import { FakeAggregates } from './fake-aggregates';

/** Unresolved escalations a holder holds in a scope, oldest id first: what a rota handover passes on. */
const heldBy = (draft: ReadonlyMap<string, Escalation>) => ({
  lockHeldBy: async (scope: string, key: string): Promise<Escalation[]> =>
    [...draft.values()]
      .filter((e) => e.status !== 'resolved' && e.heldBy?.key === key && scopeOfLevel(e, e.level) === scope)
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
});

export class FakeEscalations extends FakeAggregates<Escalation> implements FakeTables<EscalationWriter> {
  constructor() {
    super(EscalationWriter, 'escalation', heldBy);
  }

  override begin(): { writer: EscalationWriter; commit(): void } {
    const { writer, commit } = super.begin();
    // Made from the port itself, with lockHeldBy added by `heldBy` above.
    if (!(writer instanceof EscalationWriter)) throw new Error('the escalation fake made another writer');
    return { writer, commit };
  }
}

export const fakeEscalations = fakeWriterFor(EscalationWriter, () => new FakeEscalations());
