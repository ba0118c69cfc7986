import { DomainError, type TrackedAction } from '@muster/domain';
import { ActionWriter } from '@muster/application';
import { fakeWriterFor, type FakeTables } from '../fake-store';

/** Tracked actions by id, with the real writer's version check and its reading of a decision's actions. */
export class FakeActions implements FakeTables<ActionWriter> {
  readonly rows = new Map<string, TrackedAction>();

  /** Stores actions directly, as if written earlier. */
  hold(...actions: TrackedAction[]): this {
    for (const action of actions) this.rows.set(action.id, action);
    return this;
  }

  begin() {
    const draft = new Map(this.rows);
    const writer = new (class extends ActionWriter {
      async insert(action: TrackedAction): Promise<void> {
        if (draft.has(action.id)) throw new Error(`action ${action.id} exists`);
        draft.set(action.id, action);
      }
      async update(action: TrackedAction, expectedVersion: number): Promise<void> {
        if (draft.get(action.id)?.version !== expectedVersion)
          throw new DomainError('conflict', 'changed by someone else');
        draft.set(action.id, action);
      }
      async lock(id: string): Promise<TrackedAction | undefined> {
        return draft.get(id);
      }
      async lockOfDecision(decisionId: string): Promise<TrackedAction[]> {
        return [...draft.values()].filter((a) => a.decisionId === decisionId);
      }
    })();
    const commit = () => {
      this.rows.clear();
      for (const [id, action] of draft) this.rows.set(id, action);
    };
    return { writer, commit };
  }

  snapshot(): unknown {
    return [...this.rows];
  }
}

export const fakeActions = fakeWriterFor(ActionWriter, () => new FakeActions());
