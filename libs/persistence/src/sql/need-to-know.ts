import type { SensitiveReach } from '@muster/domain';

/** Where a table keeps what need to know is judged on. */
export interface MarkedColumns {
  marking: string;
  cell: string;
  /** An expression of type text[]: the item's authorities. */
  authorities: string;
}

/**
 * The domain's `withinReach` (what `canSee` decides) as a query condition, so that a list is filtered before
 * it is limited. `need-to-know.int-spec.ts` holds it to `canSee` for generated callers and items.
 */
export function withinReachSql(
  reach: SensitiveReach,
  columns: MarkedColumns,
): { where: string; parameters: Record<string, unknown> } {
  if (reach.all) return { where: 'TRUE', parameters: {} };
  return {
    where:
      `(${columns.marking} = 'OFFICIAL'` +
      ` OR ${columns.cell} = ANY(CAST(:reachCells AS text[]))` +
      ` OR ${columns.authorities} && CAST(:reachAuthorities AS text[]))`,
    parameters: { reachCells: [...reach.cells], reachAuthorities: [...reach.authorities] },
  };
}
