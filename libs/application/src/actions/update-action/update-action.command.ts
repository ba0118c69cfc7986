import { Command } from '@nestjs/cqrs';
import { Principal } from '@muster/domain';
import type { ActionView } from '../list-actions/list-actions.query';

export interface ActionUpdate {
  status?: 'done' | 'dropped';
  note?: string;
}

export class UpdateAction extends Command<ActionView> {
  constructor(
    readonly principal: Principal,
    readonly id: string,
    readonly update: ActionUpdate,
  ) {
    super();
  }
}
