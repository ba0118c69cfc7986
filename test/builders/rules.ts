import type { ProblemCode } from '@muster/contracts';
import { type Decided, DomainError } from '@muster/domain';

/** Deep-freezes a value so any mutation by the rule under test throws. */
export function frozen<T>(value: T): T {
  // A typed array's elements cannot be frozen (a key's hash): it is left as it is.
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) frozen(inner);
  }
  return value;
}

/** What a rule did with a command: decided (events and the state they leave) or refused. */
class Outcome<R> {
  constructor(private readonly decide: () => Decided<R>) {}

  /** The rule decides exactly these events; gives back what it decided, to look at the state too. */
  then(events: readonly unknown[]): Decided<R> {
    const decided = this.decide();
    expect(decided.events).toEqual(events);
    return decided;
  }

  /** The rule decides something; gives it back for expectations of its own. */
  decided(): Decided<R> {
    return this.decide();
  }

  /** Nothing happens: no event, and the state is the one given. */
  thenNothing(): Decided<R> {
    return this.then([]);
  }

  /** The rule refuses with this problem code and, when given, errors at exactly these paths; gives the refusal back. */
  thenRefused(code: ProblemCode, ...paths: string[]): DomainError {
    let refusal: unknown;
    try {
      this.decide();
    } catch (error) {
      refusal = error;
    }
    if (!(refusal instanceof DomainError)) {
      throw new Error(`expected a refusal (${code}), got ${refusal instanceof Error ? refusal.message : 'a decision'}`);
    }
    expect({ code: refusal.code, ...(paths.length > 0 && { paths: refusal.errors.map((e) => e.path) }) }).toEqual({
      code,
      ...(paths.length > 0 && { paths }),
    });
    return refusal;
  }

  /** `ok`, or the refusal's code: lets permission tables read as data. */
  verdict(): string {
    try {
      this.decide();
      return 'ok';
    } catch (error) {
      if (error instanceof DomainError) return error.code;
      throw error;
    }
  }
}

/**
 * Given/when/then for the domain's rules: `rule(acknowledgeEscalation).given(escalation).when(command)`
 * `.then(events)` or `.thenRefused(code, path)`. The state and the command are deep-frozen, so a rule that
 * mutates its input fails. A rule that creates (nothing precedes it) is given nothing: `rule(r).when(command)`.
 */
export function rule<C, S, R>(decide: (command: C, state: S) => Decided<R>) {
  const when = (state: S) => (command: C) => new Outcome<R>(() => decide(frozen(command), frozen(state)));
  return {
    given: (state: S) => ({ when: when(state) }),
    when: (command: C) => when(undefined as S)(command),
  };
}

/** `ok`, or the code of the domain error the promise rejects with; any other failure rejects. */
export async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: unknown) => {
      if (error instanceof DomainError) return error.code;
      throw error;
    },
  );
}
