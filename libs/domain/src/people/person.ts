import type { Marking, Role } from '@muster/contracts';
import { Principal } from '../access/principal';
import { decided, Decided, unchanged } from '../shared/decided';
import { forbidden, notFound } from '../shared/domain-error';

/** The ways Muster reaches someone off-screen (the application's `Channel`, kept here as data). */
export const CONTACT_CHANNELS = ['email', 'sms', 'teams', 'webhook'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const NOTIFIED_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type NotifiedSeverityLevel = (typeof NOTIFIED_SEVERITIES)[number];

/** Which channels a person wants per severity; a severity left out means every channel they have an address for. */
export type NotificationPreferences = Partial<Record<NotifiedSeverityLevel, ContactChannel[]>>;

/** What a person sets themselves (or an administrator for them): never taken from a sign-in. */
export interface ContactDetails {
  email?: string;
  mobile?: string;
  teamsWebhook?: string;
  preferences?: NotificationPreferences;
}

/** Who someone is as their provider last said, at sign-in. */
export interface PersonClaims {
  sub: string;
  name: string;
  roles: Role[];
  authority?: string;
  cells: string[];
  clearance: Marking;
}

/** A person in the directory: their claims as of their last sign-in, and the contact details they set. */
export interface Person extends PersonClaims, ContactDetails {
  /** When the claims were last true (a sign-in); contact changes never move it. */
  claimsAt: Date;
  updatedAt: Date;
}

export function claimsOfPrincipal(p: Principal): PersonClaims {
  return {
    sub: p.sub,
    name: p.name,
    roles: [...p.roles].sort(),
    ...(p.authority === undefined ? {} : { authority: p.authority }),
    cells: [...p.cells].sort(),
    clearance: p.clearance,
  };
}

export interface RecordSignInCommand {
  claims: PersonClaims;
  at: Date;
}

/**
 * A sign-in says who the person is now: their name, roles, authority, cells and clearance replace what was
 * held (unless what was held is newer), and the contact details they set stay as they are.
 */
export function recordSignIn({ claims, at }: RecordSignInCommand, held: Person | undefined): Decided<Person> {
  if (held !== undefined && held.claimsAt.getTime() > at.getTime()) return unchanged(held);
  const contacts = held === undefined ? {} : contactsOf(held);
  return decided({ ...claims, ...contacts, claimsAt: at, updatedAt: at });
}

export interface ChangeContactsCommand {
  by: Principal;
  /** Whose details change: the caller's own, or anyone's for an administrator. */
  sub: string;
  contacts: ContactDetails;
  /**
   * An administrator entering someone before their first sign-in (to put them on a rota) says who they are;
   * their first sign-in then replaces it with what their provider says.
   */
  claims?: Omit<PersonClaims, 'sub'>;
  at: Date;
}

/**
 * Contact details are replaced whole (a field left out is cleared), by the person themselves or an
 * administrator. Someone never signed in (a bearer-token caller) enters the directory with their first change,
 * under their token's claims; an administrator enters someone with the claims they give, and only then.
 */
export function changeContacts(
  { by, sub, contacts, claims, at }: ChangeContactsCommand,
  held: Person | undefined,
): Decided<Person> {
  const own = by.sub === sub;
  const isAdmin = by.roles.has('admin');
  if (!own && !isAdmin) throw forbidden('only administrators change another person’s contact details');
  if (claims !== undefined && !isAdmin) throw forbidden('claims come from sign-in; only administrators set them');
  if (held === undefined) {
    if (claims !== undefined)
      return decided({ sub, ...claims, ...withoutEmpty(contacts), claimsAt: at, updatedAt: at });
    if (!own) throw notFound(`person ${sub} (give their name and roles to enter them)`);
    return decided({ ...claimsOfPrincipal(by), ...withoutEmpty(contacts), claimsAt: at, updatedAt: at });
  }
  const kept = claims === undefined ? claimsOf(held) : { sub, ...claims };
  return decided({ ...kept, ...withoutEmpty(contacts), claimsAt: held.claimsAt, updatedAt: at });
}

/** Who may list and read the directory: administrators (contact details are personal data). */
export function mayManagePeople(by: Principal): boolean {
  return by.roles.has('admin');
}

export function claimsOf(person: PersonClaims): PersonClaims {
  const { sub, name, roles, authority, cells, clearance } = person;
  return { sub, name, roles, ...(authority === undefined ? {} : { authority }), cells, clearance };
}

export function contactsOf(person: ContactDetails): ContactDetails {
  return withoutEmpty({
    email: person.email,
    mobile: person.mobile,
    teamsWebhook: person.teamsWebhook,
    preferences: person.preferences,
  });
}

function withoutEmpty(contacts: ContactDetails): ContactDetails {
  return {
    ...(contacts.email === undefined ? {} : { email: contacts.email }),
    ...(contacts.mobile === undefined ? {} : { mobile: contacts.mobile }),
    ...(contacts.teamsWebhook === undefined ? {} : { teamsWebhook: contacts.teamsWebhook }),
    ...(contacts.preferences === undefined ? {} : { preferences: contacts.preferences }),
  };
}
