import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Cell, defineCell } from '@muster/domain';
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
    const { state: cell } = defineCell({ ...definition, by: principal }, await this.reference.cell(definition.slug));
    return this.unitOfWork.run(async (tx) => {
      await tx.get(CellWriter).insert(cell);
      return cell;
    });
  }
}
