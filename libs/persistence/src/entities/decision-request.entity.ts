import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DecisionRequestStatus, Recorder } from '@muster/domain';
import type { Marking } from '@muster/contracts';

@Entity('decision_request')
export class DecisionRequestEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  cell!: string;

  @Column('text')
  question!: string;

  @Column({ type: 'text', nullable: true })
  context!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  options!: string[] | null;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt!: Date;

  @Column('text')
  marking!: Marking;

  @Column({ type: 'text', nullable: true })
  authority!: string | null;

  @Column('text')
  status!: DecisionRequestStatus;

  @Column({ type: 'jsonb', name: 'requested_by' })
  requestedBy!: Recorder;

  @Column({ type: 'timestamptz', name: 'requested_at' })
  requestedAt!: Date;

  @Column({ type: 'uuid', name: 'decision_id', nullable: true })
  decisionId!: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'uuid', name: 'escalation_id', nullable: true })
  escalationId!: string | null;

  @Column({ type: 'timestamptz', name: 'overdue_at', nullable: true })
  overdueAt!: Date | null;

  @Column('integer')
  version!: number;
}
