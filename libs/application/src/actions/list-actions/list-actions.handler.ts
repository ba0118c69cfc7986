import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { can, canViewAction, forbidden, notFound, Principal, sensitiveReach, viewableCells } from '@muster/domain';
import { requireCell } from '../../decisions/cell-access';
import { auditReads } from '../../data-protection/audit-reads';
import { ActionReader } from '../../ports/actions';
import { AccessAudit } from '../../ports/data-protection';
import { ReferenceData } from '../../ports/readers';
import { decodeCursor, encodeCursor } from '../../shared/page-cursor';
import { ActionList, ActionView, GetAction, ListActions } from './list-actions.query';

@QueryHandler(ListActions)
export class ListActionsHandler implements IQueryHandler<ListActions> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly actions: ActionReader,
    private readonly audit: AccessAudit,
  ) {}

  /** Filtered for the reader (cells they may view, need to know) before it is limited. */
  async execute({ principal, filter }: ListActions): Promise<ActionList> {
    const { limit, cursor, ...where } = filter;
    const after = cursor === undefined ? undefined : decodeCursor('actions', cursor);
    requireARole(principal);
    if (where.cell !== undefined) await requireCell(this.reference, principal, where.cell, 'cell.view');
    const viewable = viewableCells(principal);
    if (viewable?.length === 0) return { items: [], next: null };
    const page = await this.actions.list({ ...where, viewable }, { limit, after }, sensitiveReach(principal));
    // The store applied the same rule; checking again keeps a store's mistake from showing anything.
    const visible = page.items.filter((a) => canViewAction(principal, a));
    await auditReads(this.audit, principal, 'action.list', 'action', visible);
    return { items: visible, next: page.next === undefined ? null : encodeCursor('actions', page.next) };
  }
}

@QueryHandler(GetAction)
export class GetActionHandler implements IQueryHandler<GetAction> {
  constructor(
    private readonly actions: ActionReader,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ principal, id }: GetAction): Promise<ActionView> {
    requireARole(principal);
    const action = await this.actions.byId(id);
    // Actions the caller may not see are reported as absent, not forbidden.
    if (action === undefined || !canViewAction(principal, action)) throw notFound(`action ${id}`);
    await auditReads(this.audit, principal, 'action.read', 'action', [action]);
    return action;
  }
}

/** A caller with no role Muster knows is refused outright, before anything tells them whether an action exists. */
export function requireARole(principal: Principal): void {
  if (!can(principal, 'reference.read')) throw forbidden('your roles do not allow reading actions');
}
