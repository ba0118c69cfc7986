import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Page, PageRequest } from '@muster/application';

/** How a list is ordered: by an instant column, then the id, both in one direction. */
export interface KeysetOrder {
  at: string;
  id: string;
  direction: 'ASC' | 'DESC';
}

/**
 * One page of an already filtered query, in keyset order after the request's position: one row more than
 * asked, to know whether another page exists without a count. The instants are written from JavaScript
 * dates (milliseconds), so a position read back from an item is exact.
 */
export async function keysetPage<Row extends ObjectLiteral, T extends { id: string }>(
  query: SelectQueryBuilder<Row>,
  order: KeysetOrder,
  page: PageRequest,
  toItem: (row: Row) => { item: T; at: Date },
): Promise<Page<T>> {
  if (page.after !== undefined) {
    const beyond = order.direction === 'ASC' ? '>' : '<';
    query.andWhere(`(${order.at}, ${order.id}) ${beyond} (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))`, {
      afterAt: page.after.at,
      afterId: page.after.id,
    });
  }
  const rows = await query
    .orderBy(order.at, order.direction)
    .addOrderBy(order.id, order.direction)
    .limit(page.limit + 1)
    .getMany();
  const items = rows.slice(0, page.limit).map(toItem);
  const last = items.at(-1);
  return {
    items: items.map(({ item }) => item),
    next: rows.length > page.limit && last !== undefined ? { at: last.at.toISOString(), id: last.item.id } : undefined,
  };
}
