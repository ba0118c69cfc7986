import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BoardProjector, type BoardSitrepItem } from '@muster/application';
import { Cell } from '@muster/domain';
import { CellEntity } from '../entities';
import type { JournalRecord } from '@muster/contracts';
import { toCell } from '../repositories/reference.repository';
import { BoardChanges, onBoard, planBoardChanges, sitrepKeysOf } from './board-changes';

/**
 * The common picture, kept current from the journal. Each change closes the item's current version at
 * the event's position and opens a new one, so the board can be read as it stood at any position.
 * Applying is idempotent (a checkpoint), because the relay may hand the same events over twice. A batch
 * of events costs a fixed number of statements, however many it changes.
 */
@Injectable()
export class BoardProjection extends BoardProjector {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async apply(records: readonly JournalRecord[]): Promise<void> {
    const last = records.at(-1);
    if (last === undefined) return;
    if (!records.some(onBoard)) {
      // Nothing on the board changes; it has still reached this position (one statement, not a transaction).
      await this.dataSource.query(`UPDATE projection_checkpoint SET seq = $1 WHERE name = 'board' AND seq < $1`, [
        last.seq,
      ]);
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      const rows: Array<{ seq: string }> = await manager.query(
        `SELECT seq FROM projection_checkpoint WHERE name = 'board' FOR UPDATE`,
      );
      const checkpoint = Number(rows[0]?.seq ?? 0);
      const fresh = records.filter((record) => record.seq > checkpoint);
      const through = fresh.at(-1);
      if (through === undefined) return;
      // Only sitreps need the cells' figure rules and their items' current versions.
      const keys = sitrepKeysOf(fresh);
      const cells = keys.length === 0 ? new Map<string, Cell>() : await this.cells(manager);
      const current = keys.length === 0 ? new Map<string, BoardSitrepItem>() : await this.currentSitreps(manager, keys);
      await this.write(manager, planBoardChanges(fresh, cells, current));
      await manager.query(`UPDATE projection_checkpoint SET seq = $1 WHERE name = 'board'`, [through.seq]);
    });
  }

  private async currentSitreps(manager: EntityManager, keys: readonly string[]): Promise<Map<string, BoardSitrepItem>> {
    const rows: Array<{ key: string; data: BoardSitrepItem }> = await manager.query(
      `SELECT key, data FROM board_item WHERE kind = 'sitrep' AND seq_to IS NULL AND key = ANY($1::text[])`,
      [keys],
    );
    return new Map(rows.map((row) => [row.key, row.data]));
  }

  /** Closes before inserting: the versions the batch opens must not be closed by its own UPDATE. */
  private async write(manager: EntityManager, { closes, versions }: BoardChanges): Promise<void> {
    if (closes.length > 0) {
      await manager.query(
        `UPDATE board_item AS b SET seq_to = c.seq
           FROM unnest($1::text[], $2::text[], $3::bigint[]) AS c(kind, key, seq)
          WHERE b.kind = c.kind AND b.key = c.key AND b.seq_to IS NULL`,
        [closes.map((c) => c.kind), closes.map((c) => c.key), closes.map((c) => c.seq)],
      );
    }
    if (versions.length > 0) {
      await manager.query(
        `INSERT INTO board_item (kind, key, seq_from, seq_to, cell, data)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::jsonb[])`,
        [
          versions.map((v) => v.kind),
          versions.map((v) => v.key),
          versions.map((v) => v.seqFrom),
          versions.map((v) => v.seqTo),
          versions.map((v) => v.cell),
          versions.map((v) => JSON.stringify(v.data)),
        ],
      );
    }
  }

  private async cells(manager: EntityManager): Promise<Map<string, Cell>> {
    const rows = await manager.getRepository(CellEntity).find();
    return new Map(rows.map((row) => [row.slug, toCell(row)]));
  }
}
