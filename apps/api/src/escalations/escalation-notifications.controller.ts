import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type EscalationNotifications, ListEscalationNotifications } from '@muster/application';
import type { Principal } from '@muster/domain';
import { Caller } from '../auth/caller.decorator';
import { API_BASE } from '../http/api-path';
import { Returns } from '../http/responses';
import { uuid } from '../http/schemas';
import { escalationNotifications } from './escalation-notifications.responses';

@ApiTags('escalations')
@Controller(`${API_BASE}/escalations`)
export class EscalationNotificationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/notifications')
  @ApiOperation({
    summary: 'What was sent about an escalation',
    description:
      'Whoever may see the escalation: each notification (one per event, person and channel), to whom, how it went and when. Oldest first.',
  })
  @Returns(200, escalationNotifications, 'The notifications about the escalation.')
  list(@Caller() caller: Principal, @Param('id', { schema: uuid }) id: string): Promise<EscalationNotifications> {
    return this.queries.execute(new ListEscalationNotifications(caller, id));
  }
}
