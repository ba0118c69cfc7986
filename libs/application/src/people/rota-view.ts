import { notFound, WIDE_SCOPES } from '@muster/domain';
import type { ReferenceData } from '../ports/readers';
import type { NamedShift } from '../ports/people';
import type { Recipient } from '../ports/recipients';

/** A scope's rota as shown: who holds it now (a person or the fallback contact point) and the shifts to come. */
export interface RotaView {
  scope: string;
  holder: { key: string; name: string };
  shifts: NamedShift[];
}

export function toRotaView(scope: string, holder: Recipient, shifts: NamedShift[]): RotaView {
  return { scope, holder: { key: holder.key, name: holder.name }, shifts };
}

/** A rota's scope is `regional`, `national`, or a cell that exists; anything else is not found. */
export async function assertScope(reference: ReferenceData, scope: string): Promise<void> {
  if ((WIDE_SCOPES as readonly string[]).includes(scope)) return;
  if ((await reference.cell(scope)) === undefined) throw notFound(`rota ${scope}`);
}
