import { DomainEvent } from './domain-event';

/**
 * What a rule decides about a command: the facts to journal and the state they leave. Every state change
 * in the domain is a function of the command and the current state that returns this, or throws a
 * DomainError when it refuses (and then nothing changes).
 */
export interface Decided<S> {
  state: S;
  events: DomainEvent[];
}

export const decided = <S>(state: S, ...events: DomainEvent[]): Decided<S> => ({ state, events });

/** Nothing to do (a timer that fired late, a report repeated): the state as it was, and no event. */
export const unchanged = <S>(state: S): Decided<S> => ({ state, events: [] });
