import { Authority, Cell } from '@muster/domain';
import { Clock } from '../ports/clock';
import { ReferenceData } from '../ports/readers';

/** In-memory ports for handler unit tests. Infrastructure is tested for real in the integration tier. */
export class FakeClock extends Clock {
  constructor(public current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
}

export class FakeReference extends ReferenceData {
  constructor(
    private readonly cellSlugs: string[] = ['ppe', 'food'],
    private readonly codes: string[] = ['E08000025', 'E08000026'],
  ) {
    super();
  }
  async authorities(): Promise<Authority[]> {
    return this.codes.map((code) => ({ code, name: code, kind: 'metropolitan-borough', validFrom: '2009-01-01' }));
  }
  async authorityCodes(): Promise<ReadonlySet<string>> {
    return new Set(this.codes);
  }
  async cells(): Promise<Cell[]> {
    return this.cellSlugs.map((slug) => this.make(slug));
  }
  async cell(slug: string): Promise<Cell | undefined> {
    return this.cellSlugs.includes(slug) ? this.make(slug) : undefined;
  }
  private make(slug: string): Cell {
    return { slug, name: slug, description: '', status: 'standby', decisionTimescaleMinutes: 60, sitrepCutoff: '10:00', figures: [], thresholds: [], activationCriteria: [] };
  }
}
