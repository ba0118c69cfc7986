import { Command } from '@nestjs/cqrs';
import { Cell, Handover, Principal } from '@muster/domain';

export interface GovernanceResult {
  cell: Cell;
  handover?: Handover;
}

export class ActivateCell extends Command<GovernanceResult> {
  constructor(
    readonly principal: Principal,
    readonly slug: string,
    readonly reason: string,
  ) {
    super();
  }
}

/** Structures have a shelf life: standing down records a handover of what is still open. */
export class StandDownCell extends Command<GovernanceResult> {
  constructor(
    readonly principal: Principal,
    readonly slug: string,
    readonly reason: string,
    readonly note: string | undefined,
  ) {
    super();
  }
}
