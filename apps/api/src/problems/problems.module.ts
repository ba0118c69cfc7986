import { Module } from '@nestjs/common';
import { ProblemsController } from './problems.controller';

/** The pages problem `type` URIs resolve to. */
@Module({ controllers: [ProblemsController] })
export class ProblemsModule {}
