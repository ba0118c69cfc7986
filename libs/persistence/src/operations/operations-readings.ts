import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EscalationTally, OperationsReadings } from '@muster/application';

/** Unresolved escalations by level and state (withdrawn ones are closed too), from the partial index escalation_unresolved alone. */
export const UNRESOLVED_ESCALATIONS = `SELECT level, CASE WHEN status = 'open' AND overdue THEN 'overdue' ELSE status END AS state, count(*)::int AS count
  FROM escalation WHERE status <> 'resolved' AND status <> 'withdrawn' GROUP BY 1, 2`;

/** Scrape-time readings: each statement walks an index of what is still open or owed, never the history. */
@Injectable()
export class PostgresOperationsReadings implements OperationsReadings {
  constructor(private readonly dataSource: DataSource) {}

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  async unresolvedEscalations(): Promise<EscalationTally[]> {
    const rows: EscalationTally[] = await this.dataSource.query(UNRESOLVED_ESCALATIONS);
    return rows;
  }

  /**
   * The oldest of what the relay owes: the first committed row it has not sequenced (journal_unsequenced) and
   * the row just past its published position (seq is unique). Rows still in flight are not yet visible here.
   */
  async relayLagSeconds(): Promise<number> {
    const rows: Array<{ lag: number }> = await this.dataSource.query(
      `SELECT COALESCE(GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - LEAST(
         (SELECT occurred_at FROM journal WHERE seq IS NULL ORDER BY id LIMIT 1),
         (SELECT journal.occurred_at FROM journal, relay_state WHERE relay_state.name = 'live' AND journal.seq = relay_state.published + 1)
       ))), 0)::float8 AS lag`,
    );
    return rows[0]?.lag ?? 0;
  }
}
