import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OpenItem } from '@muster/domain';
import { requireCell } from '../../decisions/cell-access';
import { CellOpenItems } from '../../ports/cell-handovers';
import { ReferenceData } from '../../ports/readers';
import { ListOpenItems } from './list-open-items.query';

/** OFFICIAL items of a cell, so whoever may see the cell may see the list. */
@QueryHandler(ListOpenItems)
export class ListOpenItemsHandler implements IQueryHandler<ListOpenItems> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly openItems: CellOpenItems,
  ) {}

  async execute({ principal, cell }: ListOpenItems): Promise<OpenItem[]> {
    await requireCell(this.reference, principal, cell, 'cell.view');
    return this.openItems.of(cell);
  }
}
