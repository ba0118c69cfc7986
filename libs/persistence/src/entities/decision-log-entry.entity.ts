import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EntryBody, Recorder } from '@muster/domain';
import type { Marking } from '@muster/contracts';

@Entity('decision_log_entry')
export class DecisionLogEntryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  cell!: string;

  @Column('integer')
  sequence!: number;

  @Column('text')
  kind!: EntryBody['kind'];

  @Column({ type: 'uuid', nullable: true })
  amends!: string | null;

  @Column('text')
  marking!: Marking;

  @Column('text', { array: true })
  authorities!: string[];

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt!: Date;

  @Column({ type: 'jsonb', name: 'recorded_by' })
  recordedBy!: Recorder;

  @Column('jsonb')
  body!: EntryBody;

  @Column({ type: 'char', length: 64 })
  hash!: string;

  @Column({ type: 'char', length: 64, name: 'prev_hash' })
  prevHash!: string;
}
