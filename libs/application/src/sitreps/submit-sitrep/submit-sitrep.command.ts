import { Command } from '@nestjs/cqrs';
import { Principal, Rag, Sitrep } from '@muster/domain';

export interface SubmittedSitrep {
  sitrep: Sitrep;
  /** The decision request opened because this report met the cell's activation criteria, if it did. */
  activationRequestId?: string;
}

export class SubmitSitrep extends Command<SubmittedSitrep> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
    readonly authority: string,
    readonly date: string,
    readonly body: { figures: Record<string, unknown>; narrative?: string; rag?: Rag },
  ) {
    super();
  }
}
