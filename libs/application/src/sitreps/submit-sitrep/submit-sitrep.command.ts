import { Command } from '@nestjs/cqrs';
import { Principal, Rag, Sitrep } from '@muster/domain';

export interface SubmittedSitrep {
  sitrep: Sitrep;
  /** The decision request opened because the cell's activation criteria were met once this report was in, if so. */
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
