export type { AckSlaSeverity } from './ack-sla';
export { ACK_SLA_SEVERITIES, DEFAULT_ACK_SLA, parseAckSla } from './ack-sla';
export type { Config } from './config';
export { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig, loadConfigOrExit, loadDevelopmentSigning } from './config';
export { CONFIG, ConfigModule } from './config.module';
export { parseDuration } from './duration';
export { pinoOptions } from './logging';
export { boundShutdown } from './shutdown';
