import { DataSource } from 'typeorm';
import { FeedSource } from '@muster/application';
import { ChainHead, DayWindow, Escalation, LogEntry } from '@muster/domain';
import { DecisionLogEntryEntity, EscalationEntity } from '../entities';
import { toLogEntry } from '../repositories/decision-log.mapping';
import { toEscalation } from '../repositories/escalation.mapping';

type RegionIdentity = { code: string; name: string };

/** The daily feed's reads, each a range over one day or a lookup by key (see the feeds migration's indexes). */
export class PostgresFeedSource extends FeedSource {
  private identity: Promise<RegionIdentity> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly loadRegion: () => Promise<RegionIdentity>,
  ) {
    super();
  }

  region(): Promise<RegionIdentity> {
    // Read once; a failed read is retried by the next feed rather than remembered.
    this.identity ??= this.loadRegion().catch((error: unknown) => {
      this.identity = undefined;
      throw error;
    });
    return this.identity;
  }

  async lastPositionBefore(end: Date): Promise<number> {
    // Positions follow commit order, not occurred_at exactly: take the day's highest, and only on a
    // quiet day the newest earlier one.
    const rows: Array<{ seq: string | null }> = await this.dataSource.query(
      `SELECT coalesce(
         (SELECT max(seq) FROM journal WHERE occurred_at >= $1::timestamptz - interval '1 day' AND occurred_at < $1),
         (SELECT seq FROM journal WHERE occurred_at < $1 AND seq IS NOT NULL ORDER BY occurred_at DESC LIMIT 1),
         0) AS seq`,
      [end],
    );
    return Number(rows[0]?.seq ?? 0);
  }

  async escalationsRaised(window: DayWindow): Promise<Escalation[]> {
    const rows = await this.dataSource
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .where('e.raised_at >= :start AND e.raised_at < :end', window)
      .getMany();
    return rows.map(toEscalation);
  }

  async escalationsActedOnBySystem(window: DayWindow): Promise<string[]> {
    // Candidates only: a person's escalation is dropped later by its history, which records the actor.
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT DISTINCT data->>'id' AS id FROM journal
        WHERE occurred_at >= $1 AND occurred_at < $2 AND type IN ('escalation.escalated', 'escalation.overdue')`,
      [window.start, window.end],
    );
    return rows.map((r) => r.id).filter((id) => typeof id === 'string');
  }

  async escalationsById(ids: readonly string[]): Promise<Escalation[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .where('e.id = ANY(:ids::uuid[])', { ids })
      .getMany();
    return rows.map(toEscalation);
  }

  async entriesRecorded(cells: readonly string[], window: DayWindow): Promise<LogEntry[]> {
    const rows = await this.dataSource
      .getRepository(DecisionLogEntryEntity)
      .createQueryBuilder('d')
      .where('d.cell = ANY(:cells::text[]) AND d.recorded_at >= :start AND d.recorded_at < :end', { cells, ...window })
      .orderBy('d.cell')
      .addOrderBy('d.sequence')
      .getMany();
    return rows.map(toLogEntry);
  }

  async headsAt(cells: readonly string[], end: Date): Promise<Map<string, ChainHead>> {
    const rows: Array<{ cell: string; sequence: number; hash: string }> = await this.dataSource.query(
      `SELECT c.cell, h.sequence, h.hash
         FROM unnest($1::text[]) AS c (cell)
         CROSS JOIN LATERAL (
           SELECT sequence, hash FROM decision_log_entry e
            WHERE e.cell = c.cell AND e.recorded_at < $2
            ORDER BY e.recorded_at DESC, e.sequence DESC LIMIT 1) h`,
      [cells, end],
    );
    return new Map(rows.map((r) => [r.cell, { sequence: r.sequence, hash: r.hash }]));
  }
}
