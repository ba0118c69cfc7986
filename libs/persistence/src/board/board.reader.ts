import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BoardSource } from '@muster/application';
import type { BoardCellItem, BoardEscalationItem, BoardItems, BoardRequestItem, BoardSitrepItem } from '@muster/application';

/** Reads the board projection now, or as it stood at a journal position. */
@Injectable()
export class BoardReader extends BoardSource {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** The position the projection has reached, and the time of that event. */
  async position(at?: number): Promise<{ seq: number; at: string | undefined }> {
    const rows: Array<{ seq: string }> = await this.dataSource.query(`SELECT seq FROM projection_checkpoint WHERE name = 'board'`);
    const reached = Number(rows[0]?.seq ?? 0);
    const seq = at === undefined ? reached : Math.min(at, reached);
    const times: Array<{ occurred_at: Date }> = await this.dataSource.query(`SELECT occurred_at FROM journal WHERE seq = $1`, [seq]);
    return { seq, at: times[0]?.occurred_at.toISOString() };
  }

  async items(at?: number): Promise<BoardItems> {
    const rows: Array<{ kind: string; key: string; data: unknown }> =
      at === undefined
        ? await this.dataSource.query(`SELECT kind, key, data FROM board_item WHERE seq_to IS NULL`)
        : // Current items plus those closed after `at` (two indexed reads): the cost follows what changed
          // since `at`, not every version ever projected.
          await this.dataSource.query(
            `SELECT kind, key, data FROM board_item WHERE seq_to IS NULL AND seq_from <= $1
             UNION ALL
             SELECT kind, key, data FROM board_item WHERE seq_to > $1 AND seq_from <= $1`,
            [at],
          );
    const items: BoardItems = { cells: new Map(), sitreps: [], escalations: [], requests: [] };
    for (const row of rows) {
      if (row.kind === 'cell') items.cells.set(row.key, row.data as BoardCellItem);
      else if (row.kind === 'sitrep') items.sitreps.push(row.data as BoardSitrepItem);
      else if (row.kind === 'escalation') items.escalations.push(row.data as BoardEscalationItem);
      else if (row.kind === 'request') items.requests.push(row.data as BoardRequestItem);
    }
    return items;
  }
}
