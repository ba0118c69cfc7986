import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BoardSource } from '@muster/application';
import type {
  BoardActionItem,
  BoardCellItem,
  BoardItems,
  BoardMoment,
  BoardRequestItem,
  BoardSitrepItem,
} from '@muster/application';
import type { Marking } from '@muster/contracts';
import type { SensitiveReach } from '@muster/domain';
import { withinReachSql } from '../sql/need-to-know';
import { escalationItem } from './board-changes';

/** Reads the board projection now, or as it stood at a journal position. */
@Injectable()
export class BoardReader extends BoardSource {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** The last position the projection has reached (capped at `at`) whose event is within `reach`, and its time. */
  async position(at: number | undefined, reach: SensitiveReach): Promise<{ seq: number; at: string | undefined }> {
    const rows: Array<{ seq: string }> = await this.dataSource.query(
      `SELECT seq FROM projection_checkpoint WHERE name = 'board'`,
    );
    const reached = Number(rows[0]?.seq ?? 0);
    const cap = at === undefined ? reached : Math.min(at, reached);
    const visible = withinReachSql(reach, { marking: 'j.marking', cell: 'j.cell', authorities: 'j.authorities' });
    // Walks back from the cap on the seq index past the events hidden from the reader (few, in a row).
    const last: { seq: string; occurred_at: Date } | undefined = await this.dataSource
      .createQueryBuilder()
      .select('j.seq', 'seq')
      .addSelect('j.occurred_at', 'occurred_at')
      .from('journal', 'j')
      .where('j.seq <= :cap', { cap })
      .andWhere(visible.where, visible.parameters)
      .orderBy('j.seq', 'DESC')
      .limit(1)
      .getRawOne();
    return last === undefined
      ? { seq: 0, at: undefined }
      : { seq: Number(last.seq), at: last.occurred_at.toISOString() };
  }

  async items(at?: number, cell?: string): Promise<BoardItems> {
    // Every item belongs to a cell (a cell's own status row to itself), so one condition narrows them all.
    const inCell = cell === undefined ? '' : `AND cell = $${at === undefined ? 1 : 2}`;
    const rows: Array<{ kind: string; key: string; data: unknown }> =
      at === undefined
        ? await this.dataSource.query(
            `SELECT kind, key, data FROM board_item WHERE seq_to IS NULL ${inCell}`,
            cell === undefined ? [] : [cell],
          )
        : // Current items plus those closed after `at` (two indexed reads): the cost follows what changed
          // since `at`, not every version ever projected.
          await this.dataSource.query(
            `SELECT kind, key, data FROM board_item WHERE seq_to IS NULL AND seq_from <= $1 ${inCell}
             UNION ALL
             SELECT kind, key, data FROM board_item WHERE seq_to > $1 AND seq_from <= $1 ${inCell}`,
            cell === undefined ? [at] : [at, cell],
          );
    const items: BoardItems = { cells: new Map(), sitreps: [], escalations: [], requests: [], actions: [] };
    for (const row of rows) {
      if (row.kind === 'cell') items.cells.set(row.key, row.data as BoardCellItem);
      else if (row.kind === 'sitrep') items.sitreps.push(row.data as BoardSitrepItem);
      else if (row.kind === 'escalation') items.escalations.push(escalationItem(row.data as Record<string, unknown>));
      else if (row.kind === 'request') items.requests.push(row.data as BoardRequestItem);
      else if (row.kind === 'action') items.actions.push(row.data as BoardActionItem);
    }
    return items;
  }

  async decisionMoments(reach: SensitiveReach, limit: number, cell?: string): Promise<BoardMoment[]> {
    const visible = withinReachSql(reach, { marking: 'j.marking', cell: 'j.cell', authorities: 'j.authorities' });
    const query = this.dataSource
      .createQueryBuilder()
      .select(['j.seq AS seq', 'j.occurred_at AS occurred_at', 'j.cell AS cell', 'j.marking AS marking'])
      .addSelect(`j.data->>'id'`, 'id')
      .addSelect(`j.data->>'title'`, 'title')
      .from('journal', 'j')
      // Up to the board's position: a moment past it would show a picture that does not hold it yet.
      .where(`j.type = 'decision.logged' AND j.seq IS NOT NULL`)
      .andWhere(`j.seq <= (SELECT seq FROM projection_checkpoint WHERE name = 'board')`)
      .andWhere(visible.where, visible.parameters);
    if (cell !== undefined) query.andWhere('j.cell = :cell', { cell });
    // Filtered before limited, newest first, on the decisions' own index (journal_decision_logged).
    const rows: Array<{ seq: string; occurred_at: Date; cell: string; marking: Marking; id: string; title: string }> =
      await query.orderBy('j.seq', 'DESC').limit(limit).getRawMany();
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.occurred_at.toISOString(),
      id: r.id,
      cell: r.cell,
      title: r.title,
      marking: r.marking,
    }));
  }
}
