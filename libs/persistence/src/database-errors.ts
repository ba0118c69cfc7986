import { Injectable } from '@nestjs/common';
import { StoreFailures } from '@muster/application';

/** PostgreSQL error classes and client failures (pg's, ioredis's) that mean "a backing service is away", not "bad request". */
const UNIQUE_VIOLATION = '23505';
const UNAVAILABLE_SQLSTATE = /^(08|53|57P)/;
const UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|Stream isn't writeable|Reached the max retries|Connection is closed|connect ETIMEDOUT|query runner was already released|Query runner already released/i;

interface DriverFailure {
  code?: unknown;
  message?: unknown;
  driverError?: { code?: unknown; message?: unknown };
}

/** The SQLSTATE of a failed query (TypeORM wraps the driver's error), or '' when there is none. */
export function sqlStateOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const e = error as DriverFailure;
  return textOf(e.driverError?.code ?? e.code);
}

/**
 * True when an error says PostgreSQL (or Redis) could not be reached or dropped the connection: a
 * commit's outcome may then be unknown, and asking again at once only waits longer.
 */
export function isServiceUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as DriverFailure;
  const message = `${textOf(e.message)} ${textOf(e.driverError?.message)}`;
  return UNAVAILABLE_SQLSTATE.test(sqlStateOf(error)) || UNAVAILABLE_MESSAGE.test(message);
}

/** PostgreSQL's and the drivers' errors, told apart for the HTTP edge. */
@Injectable()
export class DriverFailures extends StoreFailures {
  unavailable(error: unknown): boolean {
    return isServiceUnavailable(error);
  }

  conflicting(error: unknown): boolean {
    return sqlStateOf(error) === UNIQUE_VIOLATION;
  }
}

/** A driver's code or message as text; anything else (absent, an object) reads as ''. */
function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
