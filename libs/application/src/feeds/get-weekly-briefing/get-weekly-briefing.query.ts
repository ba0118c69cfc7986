import { Query } from '@nestjs/cqrs';
import type { Principal, WeeklyBriefing } from '@muster/domain';

/** The mayoral briefing for an ISO week ('2026-W47'), rolled up from its daily feeds as the caller may see them. */
export class GetWeeklyBriefing extends Query<WeeklyBriefing> {
  constructor(
    readonly principal: Principal,
    readonly week: string,
  ) {
    super();
  }
}
