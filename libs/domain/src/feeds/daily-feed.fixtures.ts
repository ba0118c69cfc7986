import { Cell } from '../reference/region';
import { Rag } from '../sitreps/sitrep';
import { AUTHORITIES, LONDON } from '../sitreps/sitrep.fixtures';
import { buildDailyFeed, DailyFeed, DailyFeedCellInput, FeedDecision, FeedEscalation } from './daily-feed';

export const REGION = { code: 'E47000007', name: 'West Midlands Combined Authority' };

/** The feed for a day is generated at 07:00 the morning after, past every cut-off of the day. */
export const morningAfter = (date: string) => new Date(`${date}T07:00:00.000Z`);

type Figures = Record<string, Record<string, number>>;

/** A cell's inputs for one day: figures per authority code; every authority with figures today reported. */
export function cellInput(
  cell: Cell,
  today: Figures,
  yesterday: Figures = {},
  overrides: Partial<DailyFeedCellInput> = {},
  ownRags: Record<string, Rag> = {},
): DailyFeedCellInput {
  return {
    cell,
    authorities: AUTHORITIES,
    figures: new Map(Object.entries(today)),
    previousFigures: new Map(Object.entries(yesterday)),
    reports: new Map(
      AUTHORITIES.map(({ code }) => {
        const rag = ownRags[code];
        return [code, { reported: today[code] !== undefined, ...(rag !== undefined && { rag }) }];
      }),
    ),
    escalations: { opened: [], open: [], breached: [] },
    decisions: [],
    head: { sequence: 0, hash: '0'.repeat(64) },
    ...overrides,
  };
}

export function escalation(overrides: Partial<FeedEscalation> = {}): FeedEscalation {
  return {
    id: 'esc-1',
    title: 'FFP3 stock below two days',
    level: 'cell',
    status: 'open',
    overdue: false,
    raisedAt: '2026-11-20T09:00:00.000Z',
    marking: 'OFFICIAL',
    ...overrides,
  };
}

export function decision(overrides: Partial<FeedDecision> = {}): FeedDecision {
  return {
    id: 'dec-1',
    title: 'Release the regional FFP3 reserve',
    recordedAt: '2026-11-20T11:00:00.000Z',
    sequence: 1,
    marking: 'OFFICIAL',
    authorities: [],
    ...overrides,
  };
}

export function feed(date: string, cells: DailyFeedCellInput[], generatedAt = morningAfter(date)): DailyFeed {
  return buildDailyFeed({ date, region: REGION, generatedAt, timeZone: LONDON, cells });
}
