import type { LoggerOptions } from 'pino';
import type { Config } from './config';
import { REDACTED, safeError, safeRequest, safeResponse } from './log-serializers';

/** pino-pretty in its own thread; it only lays out what the serializers and `redact` already let through. */
const PRETTY = {
  target: 'pino-pretty',
  options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,process', messageFormat: '{process}: {msg}' },
};

/**
 * pino options shared by every process: JSON lines (or pino-pretty's layout, LOG_FORMAT=pretty), the process
 * named, and neither marked content nor secrets written. The serializers keep only what is known to be safe;
 * `redact` is the second line, for whatever a call site puts beside them. Both run before either layout.
 */
export function pinoOptions(config: Config, processName: string): LoggerOptions {
  return {
    ...(config.logFormat === 'pretty' ? { transport: PRETTY } : {}),
    level: config.logLevel,
    base: { process: processName, pid: process.pid },
    serializers: { err: safeError, req: safeRequest, res: safeResponse },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.query.token',
        'req.query.key',
        'req.body',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
        'auth.token',
        'body',
        'parameters',
        'err.parameters',
        'err.detail',
        'err.where',
        '*.token',
        '*.password',
        '*.body',
        '*.parameters',
        '*.authorization',
        '*.cookie',
      ],
      censor: REDACTED,
    },
  };
}

/**
 * For a process about to die of an error nothing caught: one JSON line on stderr, through the same
 * serializer, instead of Node's dump of every property (a driver error's parameters included).
 */
export function fatalLine(processName: string, message: string, error: unknown): string {
  return `${JSON.stringify({ level: 60, time: Date.now(), process: processName, pid: process.pid, err: safeError(error), msg: message })}\n`;
}

/** Uncaught errors end the process as Node's default would (exit code 1), logged without their values. */
export function exitOnUncaught(processName: string): void {
  const die = (message: string) => (error: unknown) => {
    process.stderr.write(fatalLine(processName, message, error));
    process.exit(1);
  };
  process.on('uncaughtException', die('uncaught exception'));
  process.on('unhandledRejection', die('unhandled promise rejection'));
}
