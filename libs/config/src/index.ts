export type { Config } from './config';
export { ConfigError, loadConfig, loadConfigOrExit, loadDevelopmentSigning } from './config';
export { CONFIG, ConfigModule } from './config.module';
export { parseDuration } from './duration';
export { pinoOptions } from './logging';
export { boundShutdown } from './shutdown';
