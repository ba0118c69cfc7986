import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Cell, CellFigure, CellStatus, CellThreshold } from '@muster/domain';

@Entity('cell')
export class CellEntity {
  @PrimaryColumn('text')
  slug!: string;

  @Column('text')
  name!: string;

  @Column('text')
  description!: string;

  @Column('text')
  status!: CellStatus;

  @Column({ type: 'text', nullable: true })
  lead!: string | null;

  @Column({ type: 'integer', name: 'decision_timescale_minutes' })
  decisionTimescaleMinutes!: number;

  @Column({ type: 'text', name: 'sitrep_cutoff' })
  sitrepCutoff!: string;

  @Column('jsonb')
  figures!: CellFigure[];

  @Column('jsonb')
  thresholds!: CellThreshold[];

  @Column({ type: 'jsonb', name: 'activation_criteria' })
  activationCriteria!: Cell['activationCriteria'];

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
