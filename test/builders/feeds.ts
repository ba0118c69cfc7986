import {
  buildDailyFeed,
  type Cell,
  type DailyFeed,
  type DailyFeedCellInput,
  type Escalation,
  type FeedDecision,
  type FeedEscalation,
  type Rag,
  type RaiseEscalationInput,
} from '@muster/domain';
import { raised } from './escalations';
import { authorities, LONDON, REGION } from './region';

/** The feed for a day is generated at 07:00 the morning after, past every cut-off of the day. */
export const morningAfter = (date: string) => new Date(`${date}T07:00:00.000Z`);

/** The seven boroughs as a feed names them. */
const BOROUGHS = authorities().map(({ code, name }) => ({ code, name }));

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
    authorities: BOROUGHS,
    figures: new Map(Object.entries(today)),
    previousFigures: new Map(Object.entries(yesterday)),
    reports: new Map(
      BOROUGHS.map(({ code }) => {
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

/** An escalation as a day's feed lists it, with overrides. */
export function feedEscalation(overrides: Partial<FeedEscalation> = {}): FeedEscalation {
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

/** A decision as a day's feed lists it, with overrides. */
export function feedDecision(overrides: Partial<FeedDecision> = {}): FeedDecision {
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

/** An escalation raised with the given id at the given time, as the journal would show it to a feed. */
export function escalationRaised(
  id: string,
  at: string,
  extra: Partial<Pick<RaiseEscalationInput, 'marking' | 'cell' | 'authority'>> = {},
): Escalation {
  return raised({ title: `Escalation ${id}`, detail: 'd', ...extra }, at, id);
}
