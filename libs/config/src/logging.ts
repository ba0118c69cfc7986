import type { Config } from './config';

/** pino options shared by every process: JSON lines, the process named, secrets never written. */
export function pinoOptions(config: Config, processName: string) {
  return {
    level: config.logLevel,
    base: { process: processName, pid: process.pid },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'auth.token',
        '*.token',
        '*.password',
      ],
      censor: '[redacted]',
    },
  };
}
