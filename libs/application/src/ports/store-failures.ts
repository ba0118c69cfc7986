/** What a failure of a backing service means to a caller; the stores know their drivers' errors. */
export abstract class StoreFailures {
  /** PostgreSQL or Redis could not be reached or dropped the connection: retry later. */
  abstract unavailable(error: unknown): boolean;
  /** Two writers raced for the same unique key: reload and try again. */
  abstract conflicting(error: unknown): boolean;
}
