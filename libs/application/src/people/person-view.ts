import type { Marking, Role } from '@muster/contracts';
import type { NotificationPreferences, Person } from '@muster/domain';

/** A person as the directory shows them (contract: "People"). */
export interface PersonView {
  sub: string;
  name: string;
  email?: string;
  mobile?: string;
  teamsWebhook?: string;
  roles: Role[];
  authority?: string;
  cells: string[];
  clearance: Marking;
  preferences: NotificationPreferences;
  /** When a sign-in last said who they are. */
  claimsAt: Date;
}

export function toPersonView(p: Person): PersonView {
  return {
    sub: p.sub,
    name: p.name,
    ...(p.email === undefined ? {} : { email: p.email }),
    ...(p.mobile === undefined ? {} : { mobile: p.mobile }),
    ...(p.teamsWebhook === undefined ? {} : { teamsWebhook: p.teamsWebhook }),
    roles: p.roles,
    ...(p.authority === undefined ? {} : { authority: p.authority }),
    cells: p.cells,
    clearance: p.clearance,
    preferences: p.preferences ?? {},
    claimsAt: p.claimsAt,
  };
}
