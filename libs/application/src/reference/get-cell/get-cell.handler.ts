import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { can, Cell, forbidden, notFound } from '@muster/domain';
import { ReferenceData } from '../../ports/readers';
import { GetCell } from './get-cell.query';

@QueryHandler(GetCell)
export class GetCellHandler implements IQueryHandler<GetCell> {
  constructor(private readonly reference: ReferenceData) {}

  async execute({ principal, slug }: GetCell): Promise<Cell> {
    if (!can(principal, 'reference.read')) throw forbidden('your token carries no Muster role');
    const cell = await this.reference.cell(slug);
    if (cell === undefined) throw notFound(`cell ${slug}`);
    return cell;
  }
}
