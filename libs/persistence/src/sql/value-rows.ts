/**
 * The `VALUES` list of a multi-row insert: `($1, $2::date), ($3, $4::date)` and its parameters, row after
 * row. `casts` names a column's type where PostgreSQL cannot infer it from the target (by column index).
 */
export function valueRows(
  rows: ReadonlyArray<readonly unknown[]>,
  casts: Readonly<Record<number, string>> = {},
): { tuples: string; values: unknown[] } {
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const params = row.map((value, column) => {
      values.push(value);
      const cast = casts[column];
      return `$${values.length}${cast === undefined ? '' : `::${cast}`}`;
    });
    return `(${params.join(', ')})`;
  });
  return { tuples: tuples.join(', '), values };
}
