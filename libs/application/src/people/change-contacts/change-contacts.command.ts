import { Command } from '@nestjs/cqrs';
import type { ContactDetails, PersonClaims, Principal } from '@muster/domain';
import type { PersonView } from '../person-view';

/** Sets a person's contact details and notification preferences, whole. */
export class ChangeContacts extends Command<PersonView> {
  constructor(
    readonly principal: Principal,
    readonly sub: string,
    readonly contacts: ContactDetails,
    /** An administrator's statement of who they are (until their next sign-in). */
    readonly claims?: Omit<PersonClaims, 'sub'>,
  ) {
    super();
  }
}
