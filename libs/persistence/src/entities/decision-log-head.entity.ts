import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('decision_log_head')
export class DecisionLogHeadEntity {
  @PrimaryColumn('text')
  cell!: string;

  @Column('integer')
  sequence!: number;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
