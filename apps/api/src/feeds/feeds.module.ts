import { Module } from '@nestjs/common';
import { FeedsController } from './feeds.controller';

/** The daily situation feed (JSON, printable HTML, Atom) and the weekly mayoral briefing. */
@Module({ controllers: [FeedsController] })
export class FeedsModule {}
