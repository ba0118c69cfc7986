import { ActionsDiff, DecisionAction, IdentifiedAction } from '../decisions/decision';

type Problem = { path: string; message: string };

export interface AmendedActions {
  /** The list as the amendment leaves it, every action with its identity. */
  list: IdentifiedAction[];
  diff: ActionsDiff;
  problems: Problem[];
}

/**
 * Reads an amended list of actions against the current one. An amended action is the existing action whose
 * `id` it gives; without an id, the existing action with the same text (trimmed) that nothing else matched
 * (so a client that resends the list as it read it keeps every action); otherwise it is added. Every
 * existing action the list no longer holds is dropped, and named as dropped: replacing a list never loses
 * an action silently.
 */
export function diffActions(
  current: readonly IdentifiedAction[],
  amended: readonly DecisionAction[],
  newId: (index: number) => string,
): AmendedActions {
  const problems: Problem[] = [];
  const byId = new Map(current.map((a) => [a.id, a]));
  const matched = new Map<number, IdentifiedAction>();
  const taken = new Set<string>();
  amended.forEach((item, index) => {
    if (item.id === undefined) return;
    const existing = byId.get(item.id);
    if (existing === undefined) {
      problems.push({ path: `actions.${String(index)}.id`, message: 'is not an action of this decision' });
    } else if (taken.has(item.id)) {
      problems.push({ path: `actions.${String(index)}.id`, message: 'names an action already named in this list' });
    } else {
      matched.set(index, existing);
      taken.add(item.id);
    }
  });
  amended.forEach((item, index) => {
    if (item.id !== undefined) return;
    const sameText = current.find((a) => !taken.has(a.id) && a.action.trim() === item.action.trim());
    if (sameText === undefined) return;
    matched.set(index, sameText);
    taken.add(sameText.id);
  });
  const diff: ActionsDiff = { added: [], changed: [], dropped: [] };
  const list = amended.map((item, index): IdentifiedAction => {
    const existing = matched.get(index);
    const after = identified(existing?.id ?? newId(index), item);
    if (existing === undefined) diff.added.push(after);
    else if (!same(existing, after)) diff.changed.push({ id: existing.id, before: existing, after });
    return after;
  });
  diff.dropped = current.filter((a) => !taken.has(a.id));
  return { list, diff, problems };
}

/** Whether an amendment's diff changes anything at all. */
export const diffIsEmpty = (diff: ActionsDiff) =>
  diff.added.length === 0 && diff.changed.length === 0 && diff.dropped.length === 0;

function identified(id: string, item: DecisionAction): IdentifiedAction {
  return {
    id,
    action: item.action,
    owner: item.owner,
    ...(item.due !== undefined && { due: new Date(item.due).toISOString() }),
  };
}

function same(a: IdentifiedAction, b: IdentifiedAction): boolean {
  const dueOf = (x: IdentifiedAction) => (x.due === undefined ? undefined : Date.parse(x.due));
  return a.action === b.action && a.owner === b.owner && dueOf(a) === dueOf(b);
}
