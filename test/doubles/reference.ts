import { Clock, ReferenceData, type RegionSettings } from '@muster/application';
import type { Authority, Cell } from '@muster/domain';
import { authorities, BIRMINGHAM, COVENTRY, foodCell, LONDON, ppeCell, SANDWELL, WALSALL } from '@muster/builders';

/** A clock that says what the test sets. */
export class FakeClock extends Clock {
  constructor(public current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- the abstract class is only a DI token; a plain value stands behind it, as in ApplicationModule's useValue
export const londonRegion: RegionSettings = { timeZone: LONDON };

/** The region's reference data in memory: the PPE and food cells and four boroughs unless told otherwise. */
export class FakeReference extends ReferenceData {
  constructor(
    public cellList: Cell[] = [ppeCell(), foodCell()],
    public authorityList: Authority[] = authorities(BIRMINGHAM, COVENTRY, SANDWELL, WALSALL),
  ) {
    super();
  }
  async authorities(): Promise<Authority[]> {
    return this.authorityList.map((a) => ({ ...a }));
  }
  async authorityCodes(): Promise<ReadonlySet<string>> {
    return new Set(this.authorityList.map((a) => a.code));
  }
  async cells(): Promise<Cell[]> {
    return this.cellList.map((c) => ({ ...c }));
  }
  async cell(slug: string): Promise<Cell | undefined> {
    const cell = this.cellList.find((c) => c.slug === slug);
    return cell === undefined ? undefined : { ...cell };
  }
}
