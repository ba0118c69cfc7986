import { z } from 'zod';
import { ROLES } from '@muster/contracts';
import { instant, markingOf } from '../http/responses';
import { preferences } from './people.schemas';

export const person = z
  .strictObject({
    sub: z.string(),
    name: z.string(),
    email: z.string().optional(),
    mobile: z.string().optional(),
    teamsWebhook: z.string().optional(),
    roles: z.array(z.enum(ROLES)),
    authority: z.string().optional(),
    cells: z.array(z.string()),
    clearance: markingOf,
    preferences,
    claimsAt: instant.meta({ description: 'When a sign-in (or an administrator) last said who they are.' }),
  })
  .meta({ id: 'Person', description: 'Someone in the people directory, with the contact details they set.' });

export const peoplePage = z
  .strictObject({
    items: z.array(person),
    next: z.string().nullable().meta({ description: 'Pass back as `cursor` for the next page; null on the last.' }),
  })
  .meta({ id: 'PeoplePage' });

const holder = z.strictObject({ key: z.string(), name: z.string() }).meta({
  id: 'Holder',
  description: 'Who holds a level: a person’s `sub`, or `contact:<scope>` for the scope’s fallback contact point.',
});

export const rota = z
  .strictObject({
    scope: z.string(),
    holder,
    shifts: z.array(z.strictObject({ sub: z.string(), name: z.string(), from: instant, to: instant })),
  })
  .meta({
    id: 'Rota',
    description: 'Who holds the scope now, and its shifts from now on (the one in progress first).',
  });
