import { SensitiveReach, withinReach } from '@muster/domain';
import { type Page, type PageRequest } from '@muster/application';

/**
 * A page of in-memory items as the stores make one: filtered by the reader's reach, ordered by (at, id)
 * in the given direction, after the cursor's position, at most `limit`.
 */
export function fakePage<
  T extends { id: string; marking: 'OFFICIAL' | 'OFFICIAL-SENSITIVE'; cell: string; authority?: string },
>(
  items: readonly T[],
  atOf: (item: T) => string,
  direction: 'asc' | 'desc',
  page: PageRequest,
  reach: SensitiveReach,
): Page<T> {
  const sign = direction === 'asc' ? 1 : -1;
  const order = (a: { at: string; id: string }, b: { at: string; id: string }) =>
    sign * (Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id));
  const keyed = items
    .filter((item) =>
      withinReach(reach, {
        marking: item.marking,
        cell: item.cell,
        authorities: item.authority === undefined ? [] : [item.authority],
      }),
    )
    .map((item) => ({ item, at: atOf(item), id: item.id }))
    .sort(order)
    .filter((k) => page.after === undefined || order(k, page.after) > 0);
  const taken = keyed.slice(0, page.limit);
  const last = taken.at(-1);
  return {
    items: taken.map((k) => k.item),
    next: keyed.length > page.limit && last !== undefined ? { at: last.at, id: last.id } : undefined,
  };
}
