import { Injectable } from '@nestjs/common';
import {
  Authority,
  Cell,
  ChainHead,
  DailyFeedCellInput,
  DailyFeedInput,
  dayEscalations,
  DayWindow,
  FeedDecision,
  LogEntry,
  previousDay,
  Rag,
  reportingDayWindow,
  WHOLE_REACH,
} from '@muster/domain';
import { BoardItems, BoardSource } from '../ports/board';
import { FeedSource } from '../ports/feeds';
import { ReferenceData, SitrepReader } from '../ports/readers';
import { carryWindowStart, effectiveByAuthority } from '../sitreps/effective-day';

/** The chain's head before its first entry, as `decision_log_head` starts it. */
const GENESIS: ChainHead = { sequence: 0, hash: '0'.repeat(64) };

const EMPTY_ESCALATIONS: DailyFeedCellInput['escalations'] = { opened: [], open: [], breached: [] };

const inForceOn = (a: Authority, date: string) => a.validFrom <= date && (a.validTo === undefined || a.validTo >= date);

function toFeedDecision(entry: LogEntry): FeedDecision | undefined {
  if (entry.body.kind !== 'decision') return undefined;
  return {
    id: entry.id,
    title: entry.body.record.title,
    recordedAt: entry.recordedAt,
    sequence: entry.sequence,
    marking: entry.marking,
    authorities: [...entry.authorities],
  };
}

/**
 * Gathers what one reporting day's feed is built from. Every read is bounded: a carry window of sitreps
 * per cell, the board as it stood at one position, and the day's escalations and log entries by index.
 */
@Injectable()
export class DailyFeedInputs {
  constructor(
    private readonly reference: ReferenceData,
    private readonly sitreps: SitrepReader,
    private readonly board: BoardSource,
    private readonly source: FeedSource,
  ) {}

  async gather(
    date: string,
    timeZone: string,
    generatedAt: Date,
  ): Promise<{ input: DailyFeedInput; throughSeq: number }> {
    const window = reportingDayWindow(date, timeZone);
    const [region, cells, authorities, throughSeq] = await Promise.all([
      this.source.region(),
      this.reference.cells(),
      this.reference.authorities(),
      this.source.lastPositionBefore(window.end),
    ]);
    const slugs = cells.map((c) => c.slug);
    // The board as it stood at the end of the day (capped where its projection has reached).
    const board = await this.board.items((await this.board.position(throughSeq, WHOLE_REACH)).seq);
    const [escalations, decisions, heads] = await Promise.all([
      this.escalations(board, window),
      this.source.entriesRecorded(slugs, window),
      this.source.headsAt(slugs, window.end),
    ]);
    const onDay = authorities.filter((a) => inForceOn(a, date)).map(({ code, name }) => ({ code, name }));
    const inputs = await Promise.all(
      cells.map(async (cell): Promise<DailyFeedCellInput> => ({
        ...(await this.figures(cell, date)),
        // Before its first governance event a cell is on standby, whatever its status is now.
        cell: { ...cell, status: board.cells.get(cell.slug)?.status ?? 'standby' },
        authorities: onDay,
        escalations: escalations.get(cell.slug) ?? EMPTY_ESCALATIONS,
        decisions: decisions
          .filter((d) => d.cell === cell.slug)
          .map(toFeedDecision)
          .filter((d) => d !== undefined),
        actions: board.actions
          .filter((a) => a.cell === cell.slug)
          .map(({ id, status, marking, authorities }) => ({ id, status, marking, authorities })),
        head: heads.get(cell.slug) ?? GENESIS,
      })),
    );
    return { input: { date, region, generatedAt, timeZone, cells: inputs }, throughSeq };
  }

  /**
   * Candidates: raised during the day, held open on the board at its end, or acted on by the ladder during
   * it (those raised earlier and resolved by the end are found only this way). Their histories decide.
   */
  private async escalations(
    board: BoardItems,
    window: DayWindow,
  ): Promise<Map<string, DailyFeedCellInput['escalations']>> {
    const [raised, actedOn] = await Promise.all([
      this.source.escalationsRaised(window),
      this.source.escalationsActedOnBySystem(window),
    ]);
    const known = new Set(raised.map((e) => e.id));
    const others = [...new Set([...board.escalations.map((e) => e.id), ...actedOn])].filter((id) => !known.has(id));
    const more = others.length === 0 ? [] : await this.source.escalationsById(others);
    return dayEscalations([...raised, ...more], window);
  }

  /** Effective figures for the day and the day before from one carry window, with who reported and their RAG. */
  private async figures(
    cell: Cell,
    date: string,
  ): Promise<Pick<DailyFeedCellInput, 'figures' | 'previousFigures' | 'reports'>> {
    const before = previousDay(date);
    const window = await this.sitreps.window(cell.slug, carryWindowStart(before), date);
    // The day's own carry window starts a day later; keep it exactly what the board and criteria use.
    const dayStart = carryWindowStart(date);
    const forDay = window.filter((s) => s.date >= dayStart);
    const today = effectiveByAuthority(cell, forDay, date);
    const yesterday = effectiveByAuthority(cell, window, before);
    const reports = new Map<string, { reported: boolean; rag?: Rag }>();
    for (const s of window) {
      if (s.date === date) reports.set(s.authority, { reported: true, ...(s.rag !== undefined && { rag: s.rag }) });
    }
    return {
      figures: new Map([...today].map(([code, e]) => [code, e.figures])),
      previousFigures: new Map([...yesterday].map(([code, e]) => [code, e.figures])),
      reports,
    };
  }
}
