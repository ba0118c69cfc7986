import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { can, Cell, forbidden } from '@muster/domain';
import { ReferenceData } from '../../ports/readers';
import { ListCells } from './list-cells.query';

@QueryHandler(ListCells)
export class ListCellsHandler implements IQueryHandler<ListCells> {
  constructor(private readonly reference: ReferenceData) {}

  async execute({ principal }: ListCells): Promise<Cell[]> {
    if (!can(principal, 'reference.read')) throw forbidden('your token carries no Muster role');
    return this.reference.cells();
  }
}
