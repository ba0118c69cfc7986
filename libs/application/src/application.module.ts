import { DynamicModule, Module } from '@nestjs/common';
import { AckSla } from '@muster/domain';
import { DecisionLogAppender } from './decisions/log-appender';
import { EscalationSettings } from './ports/escalation-settings';
import { SitrepSubmissions } from './sitreps/submit-sitrep/sitrep-submissions';
import { RegionSettings } from './ports/region-settings';
import { GetActionHandler, ListActionsHandler } from './actions/list-actions/list-actions.handler';
import { MarkActionOverdueHandler } from './actions/mark-action-overdue/mark-action-overdue.handler';
import { UpdateActionHandler } from './actions/update-action/update-action.handler';
import { GetBoardHandler } from './board/get-board/get-board.handler';
import { ListBoardMomentsHandler } from './board/list-board-moments/list-board-moments.handler';
import { DailyFeedInputs } from './feeds/daily-feed-input';
import { DailyFeedPublisher } from './feeds/daily-feed-publisher';
import { GenerateDailyFeedHandler } from './feeds/generate-daily-feed/generate-daily-feed.handler';
import { GetDailyFeedHandler } from './feeds/get-daily-feed/get-daily-feed.handler';
import { GetWeeklyBriefingHandler } from './feeds/get-weekly-briefing/get-weekly-briefing.handler';
import { GetRecentDailyFeedsHandler, ListDailyFeedsHandler } from './feeds/list-daily-feeds/list-daily-feeds.handler';
import { PublishWeeklyBriefingHandler } from './feeds/publish-weekly-briefing/publish-weekly-briefing.handler';
import {
  ActivateCellHandler,
  ReturnCellToStandbyHandler,
  StandDownCellHandler,
} from './cells/change-governance/change-governance.handler';
import { ListHandoversHandler } from './cells/list-handovers/list-handovers.handler';
import { ListOpenItemsHandler } from './cells/list-open-items/list-open-items.handler';
import { CreateCellHandler } from './cells/create-cell/create-cell.handler';
import { ListSitrepsHandler } from './sitreps/list-sitreps/list-sitreps.handler';
import { SubmitSitrepHandler } from './sitreps/submit-sitrep/submit-sitrep.handler';
import { DecideDecisionRequestHandler } from './decision-requests/decide-decision-request/decide-decision-request.handler';
import {
  GetDecisionRequestHandler,
  ListDecisionRequestsHandler,
} from './decision-requests/list-decision-requests/list-decision-requests.handler';
import { MarkDecisionRequestOverdueHandler } from './decision-requests/mark-decision-request-overdue/mark-decision-request-overdue.handler';
import { OpenDecisionRequestHandler } from './decision-requests/open-decision-request/open-decision-request.handler';
import { AcknowledgeEscalationHandler } from './escalations/acknowledge-escalation/acknowledge-escalation.handler';
import { ClimbEscalationHandler } from './escalations/climb-escalation/climb-escalation.handler';
import { EscalateEscalationHandler } from './escalations/escalate-escalation/escalate-escalation.handler';
import { GetEscalationHandler } from './escalations/get-escalation/get-escalation.handler';
import { ListEscalationsHandler } from './escalations/list-escalations/list-escalations.handler';
import { RaiseEscalationHandler } from './escalations/raise-escalation/raise-escalation.handler';
import { ResolveEscalationHandler } from './escalations/resolve-escalation/resolve-escalation.handler';
import { UpdateEscalationHandler } from './escalations/update-escalation/update-escalation.handler';
import { WithdrawEscalationHandler } from './escalations/withdraw-escalation/withdraw-escalation.handler';
import { AlertMissedUpdateHandler } from './escalations/alert-missed-update/alert-missed-update.handler';
import { AmendDecisionHandler } from './decisions/amend-decision/amend-decision.handler';
import { ExportDecisionLogHandler } from './decisions/export-decision-log/export-decision-log.handler';
import { GetDecisionHandler } from './decisions/get-decision/get-decision.handler';
import { ListDecisionsHandler } from './decisions/list-decisions/list-decisions.handler';
import { LogDecisionHandler } from './decisions/log-decision/log-decision.handler';
import { VerifyDecisionLogHandler } from './decisions/verify-decision-log/verify-decision-log.handler';
import { ChangeContactsHandler } from './people/change-contacts/change-contacts.handler';
import { GetPersonHandler } from './people/get-person/get-person.handler';
import { GetRotaHandler } from './people/get-rota/get-rota.handler';
import { HandOverShiftHandler } from './people/hand-over-shift/hand-over-shift.handler';
import { ListPeopleHandler } from './people/list-people/list-people.handler';
import { RecordSignInHandler } from './people/record-sign-in/record-sign-in.handler';
import { ReplaceRotaHandler } from './people/replace-rota/replace-rota.handler';
import { Clock, SystemClock } from './ports/clock';
import { ListEscalationNotificationsHandler } from './delivery/list-escalation-notifications/list-escalation-notifications.handler';
import { AdmitReplayHandler } from './data-protection/admit-replay/admit-replay.handler';
import { ChangeRetentionPolicyHandler } from './data-protection/change-retention-policy/change-retention-policy.handler';
import { ExportAccessAuditHandler } from './data-protection/export-access-audit/export-access-audit.handler';
import { ListRetentionPoliciesHandler } from './data-protection/list-retention-policies/list-retention-policies.handler';
import { PurgeExpiredRecordsHandler } from './data-protection/purge-expired-records/purge-expired-records.handler';
import { GetCellHandler } from './reference/get-cell/get-cell.handler';
import { ListAuthoritiesHandler } from './reference/list-authorities/list-authorities.handler';
import { ListCellsHandler } from './reference/list-cells/list-cells.handler';
import { GetSitrepReturnsHandler } from './sitreps/get-sitrep-returns/get-sitrep-returns.handler';
import { CreateFeedTokenHandler } from './feeds/feed-tokens/create-feed-token/create-feed-token.handler';
import { FeedReaders } from './feeds/feed-tokens/feed-readers';
import { NoteReaderClaimsHandler } from './feeds/feed-tokens/note-reader-claims/note-reader-claims.handler';
import { ListFeedTokensHandler } from './feeds/feed-tokens/list-feed-tokens/list-feed-tokens.handler';
import { ResolveFeedKeyHandler } from './feeds/feed-tokens/resolve-feed-key/resolve-feed-key.handler';
import { RevokeFeedTokenHandler } from './feeds/feed-tokens/revoke-feed-token/revoke-feed-token.handler';

const handlers = [
  ListEscalationNotificationsHandler,
  LogDecisionHandler,
  AmendDecisionHandler,
  ListActionsHandler,
  GetActionHandler,
  UpdateActionHandler,
  MarkActionOverdueHandler,
  ListDecisionsHandler,
  GetDecisionHandler,
  VerifyDecisionLogHandler,
  ExportDecisionLogHandler,
  ListAuthoritiesHandler,
  ListCellsHandler,
  GetCellHandler,
  RaiseEscalationHandler,
  AcknowledgeEscalationHandler,
  EscalateEscalationHandler,
  ResolveEscalationHandler,
  ClimbEscalationHandler,
  UpdateEscalationHandler,
  WithdrawEscalationHandler,
  AlertMissedUpdateHandler,
  ListEscalationsHandler,
  GetEscalationHandler,
  OpenDecisionRequestHandler,
  DecideDecisionRequestHandler,
  MarkDecisionRequestOverdueHandler,
  ListDecisionRequestsHandler,
  GetDecisionRequestHandler,
  SubmitSitrepHandler,
  ListSitrepsHandler,
  CreateCellHandler,
  ActivateCellHandler,
  StandDownCellHandler,
  ReturnCellToStandbyHandler,
  ListHandoversHandler,
  ListOpenItemsHandler,
  GetBoardHandler,
  ListBoardMomentsHandler,
  GenerateDailyFeedHandler,
  GetDailyFeedHandler,
  ListDailyFeedsHandler,
  GetRecentDailyFeedsHandler,
  GetWeeklyBriefingHandler,
  PublishWeeklyBriefingHandler,
  ExportAccessAuditHandler,
  ListRetentionPoliciesHandler,
  ChangeRetentionPolicyHandler,
  PurgeExpiredRecordsHandler,
  AdmitReplayHandler,
  GetSitrepReturnsHandler,
  CreateFeedTokenHandler,
  ListFeedTokensHandler,
  RevokeFeedTokenHandler,
  ResolveFeedKeyHandler,
  NoteReaderClaimsHandler,
  RecordSignInHandler,
  ChangeContactsHandler,
  ListPeopleHandler,
  GetPersonHandler,
  ReplaceRotaHandler,
  GetRotaHandler,
  HandOverShiftHandler,
];

/**
 * The use cases. Ports (UnitOfWork, readers) are provided by a global persistence module, the
 * escalation settings by each process from its configuration; the clock is the system clock.
 */
@Module({})
export class ApplicationModule {
  static forRoot(settings: { ackSla: AckSla; timeZone: string }): DynamicModule {
    return {
      module: ApplicationModule,
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: EscalationSettings, useValue: { ackSla: settings.ackSla } },
        { provide: RegionSettings, useValue: { timeZone: settings.timeZone } },
        DailyFeedInputs,
        DailyFeedPublisher,
        DecisionLogAppender,
        SitrepSubmissions,
        FeedReaders,
        ...handlers,
      ],
      exports: [Clock, EscalationSettings, RegionSettings],
    };
  }
}
