import { Action, can, forbidden, notFound, Principal } from '@muster/domain';
import { ReferenceData } from '../ports/readers';

/** Resolves a cell the caller names, refusing an unknown cell (404) before a forbidden action (403). */
export async function requireCell(
  reference: ReferenceData,
  principal: Principal,
  slug: string,
  action: Action,
): Promise<void> {
  if (!(await reference.cellExists(slug))) throw notFound(`cell ${slug}`);
  if (!can(principal, action, { cell: slug })) {
    throw forbidden(`your roles do not allow ${action} on cell ${slug}`);
  }
}
