export type { AckSlaSeverity } from './ack-sla';
export { ACK_SLA_SEVERITIES, DEFAULT_ACK_SLA, parseAckSla } from './ack-sla';
export type { Config } from './config';
export type { ChannelsConfig, WebhookSubscriber } from './channels-config';
export type { ConsoleConfig } from './console-config';
export type { DeliveryConfig } from './delivery-config';
export {
  ConfigError,
  DEVELOPMENT_JWT_SECRET,
  loadConfig,
  loadConfigOrExit,
  loadDevelopmentSigning,
  loadOfflineConfig,
} from './config';
export { CONFIG, ConfigModule } from './config.module';
export { parseDuration } from './duration';
export type { Rate } from './rate';
export { parseOrigins, parseRate } from './rate';
export { exitOnUncaught, fatalLine, pinoOptions } from './logging';
export { safeError, withoutCredentials } from './log-serializers';
export { boundShutdown } from './shutdown';
export { stopWithParent } from './parent-watch';
export { registerHeapAfterGc } from './heap-after-gc';
export { loadRegionFile, MOBILE_NUMBER, regionFileSchema } from './region-file';
export type { ContactPoint, RegionFile } from './region-file';
export type { CheckResult, Readiness } from './readiness';
export { checkWithin, readiness } from './readiness';
