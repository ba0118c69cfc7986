export * from './access/policy';
export * from './access/principal';
export * from './decision-requests/decision-request';
export * from './decision-requests/decision-request-access';
export * from './decision-requests/decision-request-events';
export * from './decision-requests/decision-request-rules';
export * from './decision-requests/open-decision-request';
export * from './decisions/amend-decision';
export * from './decisions/decision';
export * from './decisions/decision-events';
export * from './decisions/hash-chain';
export * from './decisions/log-decision';
export * from './escalations/escalation';
export * from './escalations/escalation-access';
export { actorOf, nextLevel } from './escalations/escalation-change';
export * from './escalations/escalation-events';
export * from './escalations/escalation-ladder';
export * from './escalations/escalation-rules';
export * from './escalations/raise-escalation';
export * from './feeds/calendar';
export * from './feeds/daily-feed';
export * from './feeds/feed-escalations';
export * from './feeds/feed-events';
export * from './feeds/local-time';
export * from './feeds/schedule';
export * from './feeds/weekly-briefing';
export * from './governance/criteria';
export * from './governance/governance-rules';
export * from './reference/region';
export * from './shared/canonical-json';
export * from './shared/decided';
export * from './shared/clock';
export * from './shared/domain-error';
export * from './shared/domain-event';
export * from './sitreps/rag';
export * from './sitreps/sitrep';
export * from './sitreps/sitrep-rules';
export * from './reference/define-cell';
export * from './data-protection/access-audit';
export * from './data-protection/retention';
export * from './feeds/feed-tokens';
export * from './sitreps/figure-origins';
export * from './people/person';
export * from './people/rota';
export * from './people/holder';
export { NOTIFICATION_REASONS } from './notifications/notification-message';
export type {
  MessageOptions,
  NotifiableEvent,
  NotificationMessage,
  NotificationReason,
} from './notifications/notification-message';
export * from './notifications/message-for';
