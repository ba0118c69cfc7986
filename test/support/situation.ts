import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './env';
import { waitFor } from './wait-for';

/*
 * What the situation e2e tests need: the region's reference data as the seed reads it, reporting days in
 * the region's time zone, RAG rules computed independently of the code under test, the shapes of the board
 * and the daily feed as clients read them, and a headless Chromium (Debian's, driven by playwright-core).
 */

export type Rag = 'green' | 'amber' | 'red';

export interface RegionFigure {
  key: string;
  label: string;
  unit: string;
  carriesForward: boolean;
  aggregate?: 'sum' | 'min';
}

export interface RegionThreshold {
  figure: string;
  direction: 'lower-is-worse' | 'higher-is-worse';
  red: number;
  amber: number;
}

export interface RegionCell {
  slug: string;
  name: string;
  decisionTimescaleMinutes: number;
  sitrepCutoff?: string;
  figures: RegionFigure[];
  thresholds: RegionThreshold[];
}

export interface RegionFile {
  region: { code: string; name: string; timeZone: string };
  authorities: Array<{ code: string; name: string; kind: string; validFrom: string }>;
  cells: RegionCell[];
}

/** The region file the test template database was seeded from (data/regions/west-midlands.json by default). */
export function loadRegionFile(relativePath = 'data/regions/west-midlands.json'): RegionFile {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, relativePath), 'utf8')) as RegionFile;
}

// ---------------------------------------------------------------------------------------------------
// Reporting days in the region's time zone (computed with Intl, not with Muster's own code)

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function partsIn(
  instant: Date,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const num = (key: string): number => Number(parts[key]);
  return {
    year: num('year'),
    month: num('month'),
    day: num('day'),
    hour: num('hour'),
    minute: num('minute'),
    second: num('second'),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The calendar day (`YYYY-MM-DD`) an instant falls on in `timeZone`. */
export function regionDay(instant: Date, timeZone = 'Europe/London'): string {
  const p = partsIn(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `YYYY-MM-DD` plus `days` (negative for earlier). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant of a local wall-clock time on `date` in `timeZone` (e.g. the 10:00 sitrep cut-off). */
export function zonedInstant(date: string, hour: number, minute: number, timeZone = 'Europe/London'): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wanted = Date.UTC(y, m - 1, d, hour, minute);
  let guess = wanted;
  // Two rounds settle any offset (the second corrects a guess that crossed a clock change).
  for (let round = 0; round < 2; round++) {
    const p = partsIn(new Date(guess), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += wanted - shown;
  }
  return new Date(guess);
}

// ---------------------------------------------------------------------------------------------------
// RAG rules as the contract and domain.md state them

const SEVERITY: Record<Rag, number> = { green: 0, amber: 1, red: 2 };

/** Strict bounds: a value exactly on a bound takes the better band. */
export function expectedFigureRag(threshold: RegionThreshold, value: number): Rag {
  if (threshold.direction === 'lower-is-worse') {
    if (value < threshold.red) return 'red';
    return value < threshold.amber ? 'amber' : 'green';
  }
  if (value > threshold.red) return 'red';
  return value > threshold.amber ? 'amber' : 'green';
}

export function worstOf(rags: Iterable<Rag | null | undefined>): Rag | null {
  let worst: Rag | null = null;
  for (const rag of rags) {
    if (rag !== null && rag !== undefined && (worst === null || SEVERITY[rag] > SEVERITY[worst])) worst = rag;
  }
  return worst;
}

/** An authority's RAG: the worse of its figures against the thresholds and its own assessment. */
export function expectedAuthorityRag(
  cell: RegionCell,
  figures: Readonly<Record<string, number>>,
  own?: Rag,
): Rag | null {
  return worstOf([
    ...cell.thresholds.map((t) =>
      figures[t.figure] === undefined ? null : expectedFigureRag(t, figures[t.figure] as number),
    ),
    own,
  ]);
}

// ---------------------------------------------------------------------------------------------------
// What clients read (docs/contract.md: board, feeds)

export interface BoardAuthorityView {
  code: string;
  name: string;
  rag: Rag | null;
  stale: boolean;
  reportedFor: string | null;
  figures: Record<string, number>;
  carried: string[];
}

export interface BoardCellView {
  slug: string;
  name: string;
  status: 'standby' | 'active' | 'stood-down';
  rag: Rag | null;
  authorities: BoardAuthorityView[];
}

export interface BoardItemView {
  id: string;
  title?: string;
  question?: string;
  status: string;
  cell?: string;
  authority?: string;
  marking: string;
}

export interface BoardBody {
  asOf: { seq: number; at: string | null };
  date: string;
  cells: BoardCellView[];
  escalations: BoardItemView[];
  decisionRequests: BoardItemView[];
}

export interface FeedTotalView {
  key: string;
  label: string;
  unit: string;
  value: number | null;
  previous: number | null;
  change: number | null;
}

export interface FeedEscalationView {
  id: string;
  title: string;
  level: string;
  status: string;
  overdue: boolean;
  raisedAt: string;
  marking: string;
  authority?: string;
  openedToday: boolean;
  openAtEnd: boolean;
  breached: boolean;
}

export interface FeedDecisionView {
  id: string;
  title: string;
  recordedAt: string;
  sequence: number;
  marking: string;
  authorities: string[];
}

export interface FeedCellView {
  slug: string;
  name: string;
  status: string;
  rag: Rag | null;
  totals: FeedTotalView[];
  authorities: Array<{ code: string; name: string; rag: Rag | null; stale: boolean }>;
  stale: string[];
  escalations: { opened: number; open: number; breached: number; items: FeedEscalationView[] };
  decisions: FeedDecisionView[];
  /** `sequence` is null for a reader who may not see every entry of the log. */
  head: { sequence: number | null; hash: string };
}

export interface DailyFeedBody {
  date: string;
  region: { code: string; name: string };
  generatedAt: string;
  version: number;
  throughSeq: number;
  cells: FeedCellView[];
}

// ---------------------------------------------------------------------------------------------------
// Waiting for an eventually consistent read model

/**
 * Polls `read` until `check` passes (it throws, e.g. with `expect`, while it does not); on timeout the last
 * failure is thrown as it was, so jest shows its diff. Returns the value that passed.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => void,
  {
    timeoutMs = 10_000,
    intervalMs = 100,
    description,
  }: { timeoutMs?: number; intervalMs?: number; description: string },
): Promise<T> {
  let lastError: unknown;
  try {
    return await waitFor(
      async () => {
        const value = await read();
        try {
          check(value);
          return { value };
        } catch (error) {
          lastError = error;
          return undefined;
        }
      },
      { timeoutMs, intervalMs, description },
    ).then((box) => box.value);
  } catch (error) {
    if (lastError instanceof Error) {
      lastError.message = `${description} (not within ${timeoutMs} ms):\n${lastError.message}`;
      throw lastError;
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------
// Headless Chromium: Debian's /usr/bin/chromium driven by playwright-core (never a downloaded build)

export const CHROMIUM_PATH = process.env['MUSTER_TEST_CHROMIUM'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

/** Launches Debian's Chromium headless; fails with a clear message when it is not installed. */
export async function launchChromium(): Promise<import('playwright-core').Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} does not exist: install Debian's chromium (apt-get install chromium); never \`npx playwright install\``,
    );
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], timeout: 30_000 });
}
