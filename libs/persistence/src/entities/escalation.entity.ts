import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Actor, EscalationStatus, HeldBy, HistoryStep, Level, Severity } from '@muster/domain';
import type { Marking } from '@muster/contracts';

@Entity('escalation')
export class EscalationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text', nullable: true })
  authority!: string | null;

  @Column('text')
  cell!: string;

  @Column('text')
  title!: string;

  @Column('text')
  detail!: string;

  @Column('text')
  severity!: Severity;

  @Column({ type: 'text', nullable: true })
  ask!: string | null;

  @Column('text')
  marking!: Marking;

  @Column({ type: 'jsonb', name: 'raised_by' })
  raisedBy!: Actor;

  @Column({ type: 'timestamptz', name: 'raised_at' })
  raisedAt!: Date;

  @Column('text')
  level!: Level;

  /** Who holds the current level (null on escalations raised before rotas were kept). */
  @Column({ type: 'jsonb', name: 'held_by', nullable: true })
  heldBy!: HeldBy | null;

  @Column('text')
  status!: EscalationStatus;

  @Column({ type: 'timestamptz', name: 'ack_due_at', nullable: true })
  ackDueAt!: Date | null;

  @Column('boolean')
  overdue!: boolean;

  @Column({ type: 'uuid', name: 'decision_request_id', nullable: true })
  decisionRequestId!: string | null;

  @Column('integer')
  version!: number;

  @Column('jsonb')
  history!: HistoryStep[];
}
