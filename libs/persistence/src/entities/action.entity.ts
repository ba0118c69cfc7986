import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ActionHistoryEntry, ActionStatus } from '@muster/domain';
import type { Marking } from '@muster/contracts';

@Entity('action')
export class ActionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  cell!: string;

  @Column({ type: 'uuid', name: 'decision_id' })
  decisionId!: string;

  @Column({ type: 'integer', name: 'decision_sequence' })
  decisionSequence!: number;

  @Column('text')
  action!: string;

  @Column('text')
  owner!: string;

  @Column({ type: 'timestamptz', nullable: true })
  due!: Date | null;

  @Column('text')
  status!: ActionStatus;

  @Column('text')
  marking!: Marking;

  @Column('text', { array: true })
  authorities!: string[];

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;

  @Column('jsonb')
  history!: ActionHistoryEntry[];

  @Column('integer')
  version!: number;
}
