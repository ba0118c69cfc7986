import { Query } from '@nestjs/cqrs';
import { ActionStatus, Principal, TrackedAction } from '@muster/domain';

export type ActionView = TrackedAction;

export interface ActionList {
  items: ActionView[];
  /** Pass back as `cursor` for the next page; null on the last. */
  next: string | null;
}

export interface ActionListFilter {
  owner?: string;
  cell?: string;
  status?: ActionStatus;
  limit: number;
  cursor?: string;
}

export class ListActions extends Query<ActionList> {
  constructor(
    readonly principal: Principal,
    readonly filter: ActionListFilter,
  ) {
    super();
  }
}

export class GetAction extends Query<ActionView> {
  constructor(
    readonly principal: Principal,
    readonly id: string,
  ) {
    super();
  }
}
