/** The value, or a thrown error naming what was missing: for a test reading an item it has just made or asserted. */
export function present<T>(value: T | null | undefined, what = 'a value'): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}, found none`);
  return value;
}
