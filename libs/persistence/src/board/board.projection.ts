import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { EventType } from '@muster/contracts';
import { Cell, nextEffectiveFigures, Rag } from '@muster/domain';
import { CellEntity } from '../entities';
import type { JournalRecord } from '../journal/journal-record';
import { toCell } from '../repositories/reference.repository';
import type { BoardItemKind, BoardSitrepItem } from '@muster/application';

/** The events that change the board; the rest only move its position. */
type BoardEvent = Extract<
  EventType,
  | 'sitrep.submitted'
  | 'cell.activated'
  | 'cell.stood-down'
  | `escalation.${'raised' | 'acknowledged' | 'escalated' | 'overdue' | 'resolved'}`
  | `decision-request.${'opened' | 'overdue' | 'decided'}`
>;

const BOARD_EVENTS: Record<BoardEvent, true> = {
  'sitrep.submitted': true,
  'cell.activated': true,
  'cell.stood-down': true,
  'escalation.raised': true,
  'escalation.acknowledged': true,
  'escalation.escalated': true,
  'escalation.overdue': true,
  'escalation.resolved': true,
  'decision-request.opened': true,
  'decision-request.overdue': true,
  'decision-request.decided': true,
};

function onBoard(record: JournalRecord): record is JournalRecord & { type: BoardEvent } {
  return Object.hasOwn(BOARD_EVENTS, record.type);
}

/**
 * The common picture, kept current from the journal. Each change closes the item's current version at
 * the event's position and opens a new one, so the board can be read as it stood at any position.
 * Applying is idempotent (a checkpoint), because the relay may hand the same events over twice.
 */
@Injectable()
export class BoardProjection {
  constructor(private readonly dataSource: DataSource) {}

  async apply(records: readonly JournalRecord[]): Promise<void> {
    const last = records.at(-1);
    if (last === undefined) return;
    if (!records.some(onBoard)) {
      // Nothing on the board changes; it has still reached this position (one statement, not a transaction).
      await this.dataSource.query(`UPDATE projection_checkpoint SET seq = $1 WHERE name = 'board' AND seq < $1`, [last.seq]);
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
      const cells = fresh.some((record) => record.type === 'sitrep.submitted') ? await this.cells(manager) : new Map<string, Cell>();
      for (const record of fresh.filter(onBoard)) await this.project(manager, record, cells);
      await manager.query(`UPDATE projection_checkpoint SET seq = $1 WHERE name = 'board'`, [through.seq]);
    });
  }

  private async project(manager: EntityManager, record: JournalRecord & { type: BoardEvent }, cells: ReadonlyMap<string, Cell>): Promise<void> {
    const data = record.data;
    const id = typeof data.id === 'string' ? data.id : undefined;
    const common = { cell: record.cell, authority: record.authority, marking: record.marking };
    switch (record.type) {
      case 'sitrep.submitted':
        return this.projectSitrep(manager, record, cells);
      case 'cell.activated':
        return this.replace(manager, 'cell', String(data.slug), record.seq, record.cell, { status: 'active' });
      case 'cell.stood-down':
        return this.replace(manager, 'cell', String(data.slug), record.seq, record.cell, { status: 'stood-down' });
      case 'escalation.resolved':
        return id === undefined ? undefined : this.close(manager, 'escalation', id, record.seq);
      case 'escalation.raised':
      case 'escalation.acknowledged':
      case 'escalation.escalated':
      case 'escalation.overdue':
        return id === undefined ? undefined : this.replace(manager, 'escalation', id, record.seq, record.cell, { ...data, ...common });
      case 'decision-request.decided':
        return id === undefined ? undefined : this.close(manager, 'request', id, record.seq);
      case 'decision-request.opened':
      case 'decision-request.overdue':
        return id === undefined ? undefined : this.replace(manager, 'request', id, record.seq, record.cell, { ...data, ...common });
      default: {
        const unhandled: never = record.type;
        throw new Error(`no board projection for ${String(unhandled)}`);
      }
    }
  }

  private async projectSitrep(manager: EntityManager, record: JournalRecord, cells: ReadonlyMap<string, Cell>): Promise<void> {
    const { cell: slug, authority, date, version, figures, rag } = record.data as {
      cell: string;
      authority: string;
      date: string;
      version: number;
      figures: Record<string, number>;
      rag?: Rag;
    };
    const cell = cells.get(slug);
    if (cell === undefined) return;
    const key = `${slug}/${authority}`;
    const current = await this.current<BoardSitrepItem>(manager, 'sitrep', key);
    // A correction to an earlier day changes that day's record (and feeds), not today's picture.
    if (current !== undefined && date < current.date) return;
    const base = current === undefined ? {} : date === current.date ? current.base : current.figures;
    const effective = nextEffectiveFigures(cell, base, { figures });
    const item: BoardSitrepItem = {
      cell: slug,
      authority,
      date,
      version,
      figures: effective.figures,
      carried: effective.carried,
      base,
      ...(rag === undefined ? {} : { rag }),
    };
    await this.replace(manager, 'sitrep', key, record.seq, slug, item);
  }

  private async current<T>(manager: EntityManager, kind: BoardItemKind, key: string): Promise<T | undefined> {
    const rows: Array<{ data: T }> = await manager.query(
      `SELECT data FROM board_item WHERE kind = $1 AND key = $2 AND seq_to IS NULL`,
      [kind, key],
    );
    return rows[0]?.data;
  }

  private async close(manager: EntityManager, kind: BoardItemKind, key: string, seq: number): Promise<void> {
    await manager.query(`UPDATE board_item SET seq_to = $3 WHERE kind = $1 AND key = $2 AND seq_to IS NULL`, [kind, key, seq]);
  }

  private async replace(
    manager: EntityManager,
    kind: BoardItemKind,
    key: string,
    seq: number,
    cell: string | undefined,
    data: object,
  ): Promise<void> {
    await this.close(manager, kind, key, seq);
    await manager.query(
      `INSERT INTO board_item (kind, key, seq_from, cell, data) VALUES ($1, $2, $3, $4, $5)`,
      [kind, key, seq, cell ?? null, JSON.stringify(data)],
    );
  }

  private async cells(manager: EntityManager): Promise<Map<string, Cell>> {
    const rows = await manager.getRepository(CellEntity).find();
    return new Map(rows.map((row) => [row.slug, toCell(row)]));
  }
}
