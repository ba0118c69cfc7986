import { DomainError } from '@muster/domain';

/** Deep-freezes a value so any mutation by the rule under test throws. */
export function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

/** `ok`, or the code of the domain error thrown: lets permission tables read as data. */
export function outcome(action: () => unknown): 'ok' | string {
  try {
    action();
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

/** Unwraps a rule result the test expects to be there. */
export function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a change, got undefined');
  return value;
}

/** `ok`, or the code of the domain error the promise rejects with; any other failure rejects. */
export async function outcomeOf(promise: Promise<unknown>): Promise<'ok' | string> {
  return promise.then(
    () => 'ok',
    (error: unknown) => {
      if (error instanceof DomainError) return error.code;
      throw error;
    },
  );
}
