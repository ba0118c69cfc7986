import { Module } from '@nestjs/common';
import { DecisionRequestsController } from './decision-requests.controller';

@Module({ controllers: [DecisionRequestsController] })
export class DecisionRequestsModule {}
