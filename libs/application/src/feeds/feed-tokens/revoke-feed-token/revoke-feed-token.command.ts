import { Command } from '@nestjs/cqrs';
import type { Principal } from '@muster/domain';

/** Ends one of the caller's private feed URLs at once: its key answers 401 from then on. */
export class RevokeFeedToken extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly id: string,
  ) {
    super();
  }
}
