import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Cell, defineCell, DomainError } from '@muster/domain';
import { ReferenceData } from '../../ports/readers';
import { UnitOfWork } from '../../ports/transaction';
import { CreateCell } from './create-cell.command';
import { CellWriter } from '../../ports/writers/cell.writer';

@CommandHandler(CreateCell)
export class CreateCellHandler implements ICommandHandler<CreateCell> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute({ principal, definition }: CreateCell): Promise<Cell> {
    const cell = defineCell(definition, principal);
    if ((await this.reference.cell(cell.slug)) !== undefined) {
      throw new DomainError('conflict', `a cell called ${cell.slug} already exists`, [{ path: 'slug', message: 'is taken' }]);
    }
    return this.unitOfWork.run(async (tx) => {
      await tx.get(CellWriter).insert(cell);
      return cell;
    });
  }
}
