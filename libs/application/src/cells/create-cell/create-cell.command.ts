import { Command } from '@nestjs/cqrs';
import { Cell, CellDefinition, Principal } from '@muster/domain';

export class CreateCell extends Command<Cell> {
  constructor(
    readonly principal: Principal,
    readonly definition: CellDefinition,
  ) {
    super();
  }
}
