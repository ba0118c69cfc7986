/** Time is injected so rules about deadlines are tested without sleeping. */
export interface Clock {
  now(): Date;
}
