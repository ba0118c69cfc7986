import { Clock as DomainClock } from '@muster/domain';

/** Injection token for the clock; the system clock in processes, a fixed one in tests. */
export abstract class Clock implements DomainClock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
