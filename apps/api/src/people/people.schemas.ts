import { z } from 'zod';
import { MOBILE_NUMBER } from '@muster/config';
import { ROLES } from '@muster/contracts';
import { CONTACT_CHANNELS, NOTIFIED_SEVERITIES } from '@muster/domain';
import { cellSlug, gssCode, isoInstant, marking, queryInteger, text } from '../http/schemas';

/** A person's `sub` as a provider issues it (Entra's are 43 characters): text, no NUL, bounded. */
export const personSub = text(200);
/** The same in a path, where the router takes a segment of at most 100 characters. */
export const personSubParam = text(100);

/** A rota's scope: `regional`, `national` or a cell's slug (whether it exists is the handler's 404). */
export const rotaScope = cellSlug;

const channels = z
  .array(z.enum(CONTACT_CHANNELS))
  .max(CONTACT_CHANNELS.length)
  .refine((list) => new Set(list).size === list.length, 'must name each channel once');

export const preferences = z
  .strictObject(
    Object.fromEntries(NOTIFIED_SEVERITIES.map((s) => [s, channels.optional()])) as Record<
      (typeof NOTIFIED_SEVERITIES)[number],
      z.ZodOptional<typeof channels>
    >,
  )
  .meta({
    description:
      'Which channels to use per severity; a severity left out uses every channel there is an address for, `[]` none.',
  });

/** The fields a person sets themselves; PUT replaces them whole (one left out is cleared). */
const contactFields = {
  email: z.email({ error: 'must be an email address such as name@example.gov.uk' }).max(254).optional(),
  mobile: z
    .string()
    .regex(MOBILE_NUMBER, 'must be a mobile number in international form, such as +447700900123')
    .optional(),
  teamsWebhook: z
    .url({ protocol: /^https$/, error: 'must be an https URL (a Teams workflow webhook)' })
    .max(2048, 'must be at most 2048 characters')
    .optional(),
  preferences: preferences.optional(),
};

export const contactsBody = z
  .strictObject(contactFields)
  .meta({ id: 'ContactDetailsInput', description: 'Contact details and notification preferences, replaced whole.' });

/** An administrator may also say who someone is, to enter them before their first sign-in. */
export const personBody = z
  .strictObject({
    ...contactFields,
    name: text(200).optional(),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).optional(),
    authority: gssCode.optional(),
    cells: z.array(cellSlug).max(100).optional(),
    clearance: marking.optional(),
  })
  .refine((body) => (body.name === undefined) === (body.roles === undefined), {
    path: ['roles'],
    error: 'name and roles go together: give both to say who the person is, or neither',
  })
  .meta({ id: 'PersonInput' });

export const peopleQuery = z.strictObject({
  limit: queryInteger(1, 500).default(100),
  cursor: z
    .string()
    .max(1024, { error: 'is not a cursor this list gave' })
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'is not a cursor this list gave' })
    .optional(),
});

const shift = z
  .strictObject({ sub: personSub, from: isoInstant, to: isoInstant })
  .refine((s) => Date.parse(s.from) < Date.parse(s.to), { path: ['to'], error: 'must be after from' });

export const rotaBody = z
  .strictObject({ shifts: z.array(shift).max(2_000, 'must hold at most 2000 shifts') })
  .meta({ id: 'RotaInput', description: 'The scope’s shifts from now on; a shift already over stays as it was.' });

export const handoverBody = z.strictObject({ to: personSub }).meta({ id: 'HandoverInput' });
