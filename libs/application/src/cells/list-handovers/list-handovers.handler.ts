import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { requireCell } from '../../decisions/cell-access';
import { CellHandovers } from '../../ports/cell-handovers';
import { ReferenceData } from '../../ports/readers';
import { HandoverList, ListHandovers } from './list-handovers.query';

/** Handovers are OFFICIAL (they name OFFICIAL items only), so seeing the cell is enough to read them. */
@QueryHandler(ListHandovers)
export class ListHandoversHandler implements IQueryHandler<ListHandovers> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly handovers: CellHandovers,
  ) {}

  async execute({ principal, cell }: ListHandovers): Promise<HandoverList> {
    await requireCell(this.reference, principal, cell, 'cell.view');
    return { items: await this.handovers.of(cell) };
  }
}
