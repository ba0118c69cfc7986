import { DatabaseError } from 'pg';
import pino from 'pino';
import pretty, { type PrettyOptions } from 'pino-pretty';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { loadConfig } from './config';
import { fatalLine, pinoOptions } from './logging';
import { safeError, safeRequest, withoutCredentials, withoutLiterals, withoutValues } from './log-serializers';

const SECRET = 'Evacuate the Ladywood depot';

/** What pg and TypeORM hand over when a check constraint refuses a sensitive row. */
function checkViolation(): QueryFailedError {
  const driver = Object.assign(
    new DatabaseError('new row for relation "escalation" violates check constraint "title_length"', 200, 'error'),
    {
      severity: 'ERROR',
      code: '23514',
      detail: `Failing row contains (e-1, ppe, ${SECRET}, OFFICIAL-SENSITIVE).`,
      hint: `the title was ${SECRET}`,
      where: `PL/pgSQL function check_title() line 3 at RAISE: ${SECRET}`,
      schema: 'public',
      table: 'escalation',
      constraint: 'title_length',
      routine: 'ExecConstraints',
    },
  );
  return new QueryFailedError(
    `INSERT INTO "escalation"("id", "title") VALUES ($1, $2) -- literal '${SECRET}' and $$${SECRET}$$`,
    ['e-1', SECRET],
    driver,
  );
}

const json = (value: unknown) => JSON.stringify(value);

describe('safeError', () => {
  it('keeps what an operator needs from a driver error and drops its values', () => {
    const serialized = safeError(checkViolation()) as Record<string, unknown>;
    expect(serialized).toMatchObject({
      type: 'QueryFailedError',
      message: 'new row for relation "escalation" violates check constraint "title_length"',
      code: '23514',
      severity: 'ERROR',
      schema: 'public',
      table: 'escalation',
      constraint: 'title_length',
      routine: 'ExecConstraints',
      query: 'INSERT INTO "escalation"("id", "title") VALUES ($1, $2) -- literal ? and ?',
    });
    expect(serialized['stack']).toEqual(expect.stringContaining('QueryFailedError: new row for relation "escalation"'));
    expect(serialized['stack']).toEqual(expect.stringContaining('log-serializers.spec.ts'));
    expect(json(serialized)).not.toContain('Ladywood');
    expect(Object.keys(serialized)).not.toEqual(expect.arrayContaining(['parameters']));
  });

  it('redacts a value PostgreSQL quotes in its message, in the message and the stack', () => {
    const driver = Object.assign(new DatabaseError(`invalid input syntax for type uuid: "${SECRET}"`, 100, 'error'), {
      code: '22P02',
    });
    const serialized = safeError(new QueryFailedError('SELECT 1 WHERE id = $1', [SECRET], driver)) as Record<
      string,
      unknown
    >;
    expect(serialized['message']).toBe('invalid input syntax for type uuid: "[redacted]"');
    expect(json(serialized)).not.toContain('Ladywood');
  });

  it('drops a query whose quoting it cannot follow, and the arguments of a Redis command', () => {
    const unbalanced = Object.assign(new Error('syntax error'), { query: `SELECT E'it\\'s ${SECRET}` });
    expect(safeError(unbalanced)).not.toHaveProperty('query');
    const reply = Object.assign(new Error('OOM command not allowed'), {
      command: { name: 'xadd', args: ['stream', '*', 'data', SECRET] },
    });
    expect(safeError(reply)).toMatchObject({ message: 'OOM command not allowed', command: 'xadd' });
    expect(json(safeError(reply))).not.toContain('Ladywood');
  });

  it('serialises the errors inside an AggregateError the same way', () => {
    const serialized = safeError(new AggregateError([checkViolation()], 'both failed'));
    expect(serialized).toMatchObject({
      message: 'both failed',
      aggregateErrors: [{ code: '23514', table: 'escalation' }],
    });
    expect(json(serialized)).not.toContain('Ladywood');
  });

  it('passes through what is not an error, without quoted values in a string', () => {
    expect(safeError(`could not parse "${SECRET}"`)).toBe('could not parse "[redacted]"');
    expect(safeError(42)).toBe(42);
  });
});

describe('withoutValues and withoutLiterals', () => {
  it.each([
    ['value "3000000000" is out of range for type integer', 'value "[redacted]" is out of range for type integer'],
    ['date/time field value out of range: "0000-01-01"', 'date/time field value out of range: "[redacted]"'],
    ['invalid byte sequence for encoding "UTF8": 0xe2 0x28', 'invalid byte sequence for encoding "UTF8": [redacted]'],
    [
      'null value in column "title" of relation "escalation" violates not-null constraint',
      'null value in column "title" of relation "escalation" violates not-null constraint',
    ],
    [`Unexpected token 'E', "${SECRET}" is not valid JSON`, `Unexpected token 'E', "[redacted]" is not valid JSON`],
    [`relation "escalation" refused "${SECRET}`, 'relation "escalation" refused "[redacted]'],
  ])('%s', (message, expected) => {
    expect(withoutValues(message)).toBe(expected);
  });

  it('replaces string and dollar-quoted literals, keeping placeholders', () => {
    expect(withoutLiterals(`SELECT $1, 'a''b', E'x', $tag$y$tag$ FROM t WHERE n = $2`)).toBe(
      'SELECT $1, ?, ?, ? FROM t WHERE n = $2',
    );
  });
});

describe('safeRequest and withoutCredentials', () => {
  it('replaces credentials in the query string, whatever their encoding, and keeps the rest', () => {
    expect(withoutCredentials('/admin/queues?token=eyJ.a.b&x=1')).toBe('/admin/queues?token=[redacted]&x=1');
    expect(withoutCredentials('/api/v1/feeds/daily.atom?%6Bey=secret')).toBe('/api/v1/feeds/daily.atom?key=[redacted]');
    expect(withoutCredentials('/api/v1/cells/ppe/decisions?after=3&limit=10')).toBe(
      '/api/v1/cells/ppe/decisions?after=3&limit=10',
    );
  });

  it('keeps no authorization or cookie header', () => {
    const request = {
      id: 'r-1',
      method: 'GET',
      url: '/admin/queues?token=eyJ.a.b',
      query: { token: 'eyJ.a.b' },
      headers: { authorization: 'Bearer eyJ.a.b', cookie: 'muster_admin=eyJ.a.b', 'user-agent': 'curl' },
      remoteAddress: '127.0.0.1',
    };
    const serialized = safeRequest(request);
    expect(serialized).toMatchObject({
      id: 'r-1',
      url: '/admin/queues?token=[redacted]',
      headers: { 'user-agent': 'curl' },
    });
    expect(json(serialized)).not.toContain('eyJ');
  });
});

describe('pinoOptions', () => {
  const env = {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/muster',
    REDIS_URL: 'redis://127.0.0.1:6379',
    AUTH_JWT_SECRET: 'a-development-secret-of-at-least-32-chars',
    LOG_LEVEL: 'info',
  };
  const config = loadConfig({ ...env, LOG_FORMAT: 'json' });

  function sinkInto(into: { text: string }): Writable {
    return new Writable({
      write(chunk: Buffer, _encoding, done) {
        into.text += chunk.toString();
        done();
      },
    });
  }

  function logged(write: (logger: pino.Logger) => void): string {
    const out = { text: '' };
    const logger = pino(pinoOptions(config, 'test'), sinkInto(out));
    write(logger);
    return out.text;
  }

  /** The pretty layout as the processes get it: the same options, pino-pretty given a sink instead of stdout. */
  function loggedPretty(write: (logger: pino.Logger) => void): string {
    const { transport, ...options } = pinoOptions(loadConfig({ ...env, NODE_ENV: 'development' }), 'test');
    const prettyOptions = (transport as { target: string; options: PrettyOptions }).options;
    expect(transport).toMatchObject({ target: 'pino-pretty' });
    const out = { text: '' };
    const logger = pino(options, pretty({ ...prettyOptions, colorize: false, sync: true, destination: sinkInto(out) }));
    write(logger);
    return out.text;
  }

  it('lays lines out with pino-pretty in development and writes JSON elsewhere, unless LOG_FORMAT says', () => {
    expect(loadConfig({ ...env, NODE_ENV: 'development' }).logFormat).toBe('pretty');
    expect(loadConfig({ ...env, NODE_ENV: 'test' }).logFormat).toBe('json');
    expect(loadConfig({ ...env, NODE_ENV: 'development', LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ ...env, NODE_ENV: 'test', LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ ...env, NODE_ENV: 'development', LOG_FORMAT: '' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ ...env, LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT: /);
    expect(pinoOptions(config, 'test')).not.toHaveProperty('transport');
  });

  it('redacts as much in the pretty layout: no values of a driver error, no credentials in the URL or headers', () => {
    const text = loggedPretty((logger) => {
      logger.error(
        {
          err: checkViolation(),
          body: { title: SECRET },
          parameters: [SECRET],
          headers: { authorization: 'Bearer eyJ.a.b' },
        },
        'failed',
      );
      logger.info(
        {
          req: {
            method: 'GET',
            url: '/admin/queues?token=eyJ.c.d',
            headers: { authorization: 'Bearer eyJ.e.f', cookie: 'muster_admin=eyJ.g.h' },
          },
        },
        'request',
      );
    });
    expect(text).toMatch(/ERROR: test: failed/);
    expect(text).toContain('"constraint": "title_length"');
    expect(text).toContain('/admin/queues?token=[redacted]');
    expect(text).not.toContain('Ladywood');
    expect(text).not.toContain('eyJ');
    expect(() => JSON.parse(text.split('\n')[0] ?? '') as unknown).toThrow();
  });

  it('writes a driver error without its values, and redacts what a call site puts beside it', () => {
    const text = logged((logger) =>
      logger.error(
        {
          err: checkViolation(),
          body: { title: SECRET },
          parameters: [SECRET],
          headers: { authorization: 'Bearer eyJ.a.b' },
        },
        'failed',
      ),
    );
    expect(JSON.parse(text)).toMatchObject({ err: { code: '23514', constraint: 'title_length' }, body: '[redacted]' });
    expect(text).not.toContain('Ladywood');
    expect(text).not.toContain('eyJ');
  });

  it('writes a fatal error as one JSON line without its values', () => {
    const line = fatalLine('api', 'uncaught exception', checkViolation());
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toMatchObject({
      level: 60,
      process: 'api',
      msg: 'uncaught exception',
      err: { code: '23514' },
    });
    expect(line).not.toContain('Ladywood');
  });
});
