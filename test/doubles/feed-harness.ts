import { DailyFeedInputs, DailyFeedPublisher, type RegionSettings } from '@muster/application';
import { authorities, authority, BIRMINGHAM, COVENTRY, LONDON, tinyCell, UNKNOWN_AUTHORITY } from '@muster/builders';
import { FakeStore } from './fake-store';
import { FakeBoard } from './board';
import { FakeFeedSource, FakeSitreps } from './feeds';
import { FakeClock, FakeReference } from './reference';
import { fakeDailyFeeds } from './writers/daily-feed.fake';

/** An authority the region had once: retired before the days the feed tests publish. */
export const RETIRED = UNKNOWN_AUTHORITY;

/** A small cell for the feed tests: days of stock (carried, with a threshold) and requests. */
const feedCell = (slug: string, name: string) =>
  tinyCell({ slug, name, thresholds: tinyCell().thresholds.slice(0, 1) });

/** A small region for the feed handlers' tests: two cells, two authorities in force and one retired. */
export const feedReference = () =>
  new FakeReference(
    [feedCell('ppe', 'PPE'), feedCell('food', 'Food hubs')],
    [...authorities(BIRMINGHAM, COVENTRY), authority(RETIRED, { name: 'Gone', validTo: '2020-01-01' })],
  );

/** Every port a feed handler needs, in memory, with a fixed clock in Europe/London. */
export function feedHarness(now: string) {
  const store = new FakeStore();
  const clock = new FakeClock(new Date(now));
  const sitreps = new FakeSitreps();
  const board = new FakeBoard();
  const source = new FakeFeedSource();
  const reference = feedReference();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- the abstract class is only a DI token; a plain value stands behind it, as in ApplicationModule's useValue
  const region: RegionSettings = { timeZone: LONDON };
  const publisher = new DailyFeedPublisher(new DailyFeedInputs(reference, sitreps, board, source), region, store);
  return { store, clock, sitreps, board, source, reference, region, publisher, feeds: store.tables(fakeDailyFeeds) };
}
