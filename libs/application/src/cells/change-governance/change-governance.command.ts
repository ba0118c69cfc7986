import { Command } from '@nestjs/cqrs';
import { Cell, Handover, HandoverAssignment, Principal } from '@muster/domain';

export interface GovernanceResult {
  cell: Cell;
  handover?: Handover;
  /** On standing up: the activation questions it answered, each with the decision logged as the answer. */
  answered?: Array<{ requestId: string; decisionId: string }>;
}

/** Stands a cell up; an activation question still open for it is answered by the decision to stand up. */
export class ActivateCell extends Command<GovernanceResult> {
  constructor(
    readonly principal: Principal,
    readonly slug: string,
    readonly reason: string,
  ) {
    super();
  }
}

/** Structures have a shelf life: standing down hands over what is still open, naming who takes each item. */
export class StandDownCell extends Command<GovernanceResult> {
  constructor(
    readonly principal: Principal,
    readonly slug: string,
    readonly reason: string,
    readonly note: string | undefined,
    readonly assignments: readonly HandoverAssignment[] = [],
  ) {
    super();
  }
}

/** A stood-down cell goes back on standby. */
export class ReturnCellToStandby extends Command<GovernanceResult> {
  constructor(
    readonly principal: Principal,
    readonly slug: string,
    readonly reason: string,
  ) {
    super();
  }
}
