import { Module } from '@nestjs/common';
import { EscalationNotificationsController } from './escalation-notifications.controller';
import { EscalationsController } from './escalations.controller';

@Module({ controllers: [EscalationsController, EscalationNotificationsController] })
export class EscalationsModule {}
