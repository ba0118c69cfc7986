import { Command } from '@nestjs/cqrs';
import { Level } from '@muster/domain';

/** What a fired timer found: it climbed, it fired early (wait until `dueAt`), or the world had moved on. */
export type TimerOutcome = { outcome: 'applied' } | { outcome: 'early'; dueAt: string } | { outcome: 'moot' };

/** Fired by the acknowledgement timer of one level; carries ids only and re-reads the state. */
export class ClimbEscalation extends Command<TimerOutcome> {
  constructor(
    readonly escalationId: string,
    readonly level: Level,
  ) {
    super();
  }
}
