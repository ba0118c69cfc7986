import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CellHandovers, CellOpenItems, HandoverRecord } from '@muster/application';
import type { OpenItem } from '@muster/domain';

/**
 * What a handover must cover, in one statement: each kind of open item is one branch of the union
 * (tracked actions, open or overdue, the third). OFFICIAL only, as the port says.
 */
export const OPEN_ITEMS_OF_CELL = `
  SELECT 'escalation' AS kind, id::text AS id, title, raised_at AS since FROM escalation
   WHERE cell = $1 AND marking = 'OFFICIAL' AND status IN ('open', 'acknowledged')
  UNION ALL
  SELECT 'decision-request', id::text, question, requested_at FROM decision_request
   WHERE cell = $1 AND marking = 'OFFICIAL' AND status IN ('open', 'overdue')
  UNION ALL
  SELECT 'action', id::text, action, created_at FROM action
   WHERE cell = $1 AND marking = 'OFFICIAL' AND status IN ('open', 'overdue')
  ORDER BY since, id`;

@Injectable()
export class PostgresCellOpenItems extends CellOpenItems {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async of(cell: string): Promise<OpenItem[]> {
    const rows: Array<OpenItem & { since: Date }> = await this.dataSource.query(OPEN_ITEMS_OF_CELL, [cell]);
    return rows.map(({ kind, id, title }) => ({ kind, id, title }));
  }
}

/** A stand-down as the journal holds it: those recorded before handovers named takers carry no `items`. */
type StoredStandDown = Omit<HandoverRecord, 'handover'> & {
  handover: Omit<HandoverRecord['handover'], 'items'> & { items?: HandoverRecord['handover']['items'] };
};

/** Handovers are read from the journal, where each stand-down recorded its own: nothing is kept twice. */
@Injectable()
export class JournalCellHandovers extends CellHandovers {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async of(cell: string): Promise<HandoverRecord[]> {
    const rows: Array<{ data: StoredStandDown }> = await this.dataSource.query(
      `SELECT data FROM journal WHERE type = 'cell.stood-down' AND cell = $1 ORDER BY id`,
      [cell],
    );
    return rows.map(({ data }) => ({
      ...data,
      handover: { ...data.handover, items: data.handover.items ?? [] },
    }));
  }
}
