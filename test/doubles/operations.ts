import { type EscalationTally, OperationsReadings } from '@muster/application';

/** The store's operational readings, set by the test; `failing` makes every read throw as an unreachable store would. */
export class FakeOperationsReadings extends OperationsReadings {
  tallies: EscalationTally[] = [];
  lag = 0;
  failing = false;

  async ping(): Promise<void> {
    if (this.failing) throw new Error('PostgreSQL is away');
  }
  async unresolvedEscalations(): Promise<EscalationTally[]> {
    if (this.failing) throw new Error('PostgreSQL is away');
    return this.tallies;
  }
  async relayLagSeconds(): Promise<number> {
    if (this.failing) throw new Error('PostgreSQL is away');
    return this.lag;
  }
}
