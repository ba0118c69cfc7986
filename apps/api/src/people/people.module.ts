import { Module } from '@nestjs/common';
import { PeopleController } from './people.controller';
import { RotasController } from './rotas.controller';

/** The people directory and the rotas. */
@Module({ controllers: [PeopleController, RotasController] })
export class PeopleModule {}
