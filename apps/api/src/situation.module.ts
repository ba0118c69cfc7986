import { Module } from '@nestjs/common';
import { BoardController } from './board/board.controller';
import { CellsController } from './cells/cells.controller';
import { SitrepsController } from './sitreps/sitreps.controller';

/** Cells as data, situation reports and the common picture. */
@Module({ controllers: [CellsController, SitrepsController, BoardController] })
export class SituationModule {}
