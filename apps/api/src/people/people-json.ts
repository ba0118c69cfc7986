import type { PersonView, RotaView } from '@muster/application';
import type { z } from 'zod';
import type { person, rota } from './people.responses';

/** A person as the API answers: times as ISO strings. */
export function personJson(view: PersonView): z.infer<typeof person> {
  return { ...view, claimsAt: view.claimsAt.toISOString() };
}

export function rotaJson(view: RotaView): z.infer<typeof rota> {
  return {
    scope: view.scope,
    holder: view.holder,
    shifts: view.shifts.map((s) => ({ sub: s.sub, name: s.name, from: s.from.toISOString(), to: s.to.toISOString() })),
  };
}
