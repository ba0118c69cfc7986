import { Command } from '@nestjs/cqrs';
import type { Principal } from '@muster/domain';

/** What a sign-in or a token says of someone now, kept for their private feed URLs (if they hold any). */
export class NoteReaderClaims extends Command<void> {
  constructor(
    readonly reader: Principal,
    /** When the claims were true: the token's issue time, or the moment of sign-in. */
    readonly asOf: Date,
  ) {
    super();
  }
}
