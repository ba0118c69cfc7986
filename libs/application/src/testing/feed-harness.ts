import { Authority, Cell, Escalation, principal, Principal, raiseEscalation, Sitrep } from '@muster/domain';
import type { Marking, Role } from '@muster/contracts';
import { ReferenceData } from '../ports/readers';
import { RegionSettings } from '../ports/region-settings';
import { DailyFeedInputs } from '../feeds/daily-feed-input';
import { DailyFeedPublisher } from '../feeds/daily-feed-publisher';
import { FakeBoard, FakeFeedSource, FakeSitreps } from './fake-feeds';
import { FakeStore } from './fake-store';
import { FakeClock } from './fakes';
import { fakeDailyFeeds } from './writers/daily-feed.fake';

/** A small region for the feed handlers' tests: two cells, two authorities in force and one retired. */
export const BIRMINGHAM = 'E08000025';
export const COVENTRY = 'E08000026';
export const RETIRED = 'E08000099';

const cell = (slug: string, name: string): Cell => ({
  slug,
  name,
  description: '',
  status: 'standby',
  decisionTimescaleMinutes: 60,
  sitrepCutoff: '10:00',
  figures: [
    { key: 'stock_days', label: 'Days of stock', unit: 'days', carriesForward: true },
    { key: 'requests', label: 'Requests', unit: 'requests', carriesForward: false },
  ],
  thresholds: [{ figure: 'stock_days', direction: 'lower-is-worse', red: 3, amber: 7 }],
  activationCriteria: [],
});

export class FeedReference extends ReferenceData {
  cellList: Cell[] = [cell('ppe', 'PPE'), cell('food', 'Food hubs')];
  async authorities(): Promise<Authority[]> {
    return [
      { code: BIRMINGHAM, name: 'Birmingham', kind: 'metropolitan-borough', validFrom: '2009-01-01' },
      { code: COVENTRY, name: 'Coventry', kind: 'metropolitan-borough', validFrom: '2009-01-01' },
      { code: RETIRED, name: 'Gone', kind: 'metropolitan-borough', validFrom: '2009-01-01', validTo: '2020-01-01' },
    ];
  }
  async authorityCodes(): Promise<ReadonlySet<string>> {
    return new Set((await this.authorities()).map((a) => a.code));
  }
  async cells(): Promise<Cell[]> {
    return this.cellList;
  }
  async cell(slug: string): Promise<Cell | undefined> {
    return this.cellList.find((c) => c.slug === slug);
  }
}

export const person = (role: Role, clearance: Marking = 'OFFICIAL', cells: string[] = []): Principal =>
  principal({ sub: `${role}-1`, name: `A ${role}`, roles: [role], clearance, cells });

export function report(authority: string, date: string, figures: Record<string, number>, extra: Partial<Sitrep> = {}): Sitrep {
  return {
    cell: 'ppe',
    authority,
    date,
    version: 1,
    figures,
    submittedBy: { sub: 'o', name: 'Officer' },
    submittedAt: `${date}T08:00:00.000Z`,
    ...extra,
  };
}

export function escalationRaised(id: string, at: string, extra: { marking?: Marking; cell?: string; authority?: string } = {}): Escalation {
  const officer = principal({ sub: 'o', roles: ['authority-officer'], authority: extra.authority ?? BIRMINGHAM, clearance: 'OFFICIAL-SENSITIVE' });
  const sla = { critical: 900_000, high: 3_600_000, medium: 14_400_000, low: 86_400_000 };
  return raiseEscalation(
    { authority: extra.authority ?? BIRMINGHAM, cell: extra.cell ?? 'ppe', title: `Escalation ${id}`, detail: 'd', severity: 'high', marking: extra.marking ?? 'OFFICIAL' },
    { principal: officer, now: new Date(at), sla, id },
  ).escalation;
}

/** Every port a feed handler needs, in memory, with a fixed clock in Europe/London. */
export function feedHarness(now: string) {
  const store = new FakeStore();
  const clock = new FakeClock(new Date(now));
  const sitreps = new FakeSitreps();
  const board = new FakeBoard();
  const source = new FakeFeedSource();
  const reference = new FeedReference();
  const region: RegionSettings = { timeZone: 'Europe/London' };
  const publisher = new DailyFeedPublisher(new DailyFeedInputs(reference, sitreps, board, source), region, store);
  return { store, clock, sitreps, board, source, reference, region, publisher, feeds: store.tables(fakeDailyFeeds) };
}
