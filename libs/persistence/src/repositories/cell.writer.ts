import { EntityManager } from 'typeorm';
import { CellGovernance, CellWriter } from '@muster/application';
import { Cell } from '@muster/domain';
import { CellEntity } from '../entities';
import { writerFor } from '../transaction-writers';
import { toCell } from './reference.repository';

export class TransactionalCellWriter extends CellWriter {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async insert(cell: Cell): Promise<void> {
    await this.manager.query(
      `INSERT INTO cell (slug, name, description, status, lead, decision_timescale_minutes, sitrep_cutoff, figures, thresholds, activation_criteria)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        cell.slug,
        cell.name,
        cell.description,
        cell.status,
        cell.lead ?? null,
        cell.decisionTimescaleMinutes,
        cell.sitrepCutoff,
        JSON.stringify(cell.figures),
        JSON.stringify(cell.thresholds),
        JSON.stringify(cell.activationCriteria),
      ],
    );
    await this.manager.query(`INSERT INTO decision_log_head (cell) VALUES ($1) ON CONFLICT (cell) DO NOTHING`, [
      cell.slug,
    ]);
  }

  async lock(slug: string): Promise<CellGovernance | undefined> {
    const row = await this.manager
      .getRepository(CellEntity)
      .createQueryBuilder('c')
      // Not FOR UPDATE: a sitrep or request inserted earlier in the transaction holds KEY SHARE on this row
      // (its foreign key), and FOR UPDATE would deadlock two such transactions against each other.
      .setLock('for_no_key_update')
      .where('c.slug = :slug', { slug })
      .getOne();
    if (row === null) return undefined;
    const flags: Array<{ open: boolean }> = await this.manager.query(
      `SELECT activation_episode_open AS open FROM cell WHERE slug = $1`,
      [slug],
    );
    return { cell: toCell(row), episodeOpen: flags[0]?.open === true };
  }

  async update({ cell, episodeOpen }: CellGovernance): Promise<void> {
    await this.manager.query(
      `UPDATE cell SET status = $2, activation_episode_open = $3, version = version + 1, updated_at = now() WHERE slug = $1`,
      [cell.slug, cell.status, episodeOpen],
    );
  }
}

export const cellWriter = writerFor(CellWriter, (manager) => new TransactionalCellWriter(manager));
