import { Command } from '@nestjs/cqrs';
import type { Principal } from '@muster/domain';

/** A console sign-in (or a refresh) says who someone is now: the people directory records it. */
export class RecordSignIn extends Command<void> {
  constructor(
    readonly person: Principal,
    readonly at: Date,
  ) {
    super();
  }
}
