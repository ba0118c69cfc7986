import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import * as path from 'node:path';
import {
  createTestDatabase,
  REPO_ROOT,
  startApi,
  stopAll,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@muster/testing';

/**
 * Defaults that are safe when nobody set anything: the api listens on the loopback interface unless HOST
 * says otherwise, refuses to start in production with a secret published in this repository, and the
 * compose file publishes nothing beyond this machine.
 */

const DEVELOPMENT_SECRET = 'muster-development-secret-do-not-use-in-production';

/** Whether a TCP connection to host:port is accepted (true) or refused (false). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve(false) : reject(error),
    );
  });
}

describe('safe defaults', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await stopAll();
    await db?.drop();
  });

  it('listens on 127.0.0.1 only unless HOST says otherwise', async () => {
    const options = { databaseUrl: db.url, redisPrefix: uniqueRedisPrefix() };
    // On Linux the whole of 127.0.0.0/8 reaches this machine: a listener on every interface answers on
    // 127.0.0.2 too, one on 127.0.0.1 does not.
    const unset = await startApi({ ...options, env: { HOST: undefined } });
    expect(await accepts('127.0.0.1', unset.port)).toBe(true);
    expect(await accepts('127.0.0.2', unset.port)).toBe(false);

    const everywhere = await startApi({ ...options, env: { HOST: '0.0.0.0' } });
    expect(await accepts('127.0.0.2', everywhere.port)).toBe(true);
  });

  /** An api started in production with every variable production needs, then `env` over them. */
  const startInProduction = (env: Record<string, string | undefined>) =>
    startApi({
      databaseUrl: db.url,
      redisPrefix: uniqueRedisPrefix(),
      readyTimeoutMs: 10_000,
      env: {
        NODE_ENV: 'production',
        AUTH_JWKS_URL: 'https://login.example.gov.uk/keys',
        AUTH_ISSUER: 'https://login.example.gov.uk/',
        PUBLIC_URL: 'https://muster.example.gov.uk',
        ...env,
      },
    });

  it.each([
    ['the development secret', DEVELOPMENT_SECRET, /AUTH_JWT_SECRET: is a published development or test secret/],
    ['a secret shorter than 32 characters', 'too-short-a-secret', /AUTH_JWT_SECRET: must be at least 32 characters/],
  ])('refuses to start in production with %s, naming the variable', async (_, secret, problem) => {
    const start = startInProduction({ AUTH_JWT_SECRET: secret });
    await expect(start).rejects.toThrow(/exited \(code 78\) before it was ready/);
    await expect(start).rejects.toThrow(problem);
  });

  it('refuses to start in production without PUBLIC_URL', async () => {
    await expect(startInProduction({ AUTH_JWT_SECRET: undefined, PUBLIC_URL: undefined })).rejects.toThrow(
      /PUBLIC_URL: required in production/,
    );
  });

  it('has the compose file publish every port on 127.0.0.1 only, and run the api reachable inside its container', () => {
    const compose = readFileSync(path.join(REPO_ROOT, 'docker', 'compose.yml'), 'utf8');
    const lines = compose.split('\n');
    const published = lines.flatMap((line, i) => (/^\s+ports:\s*$/.test(line) ? portsFrom(lines.slice(i + 1)) : []));
    expect(published.length).toBeGreaterThanOrEqual(3);
    expect(published.filter((mapping) => !mapping.startsWith('127.0.0.1:'))).toEqual([]);
    expect(compose).toMatch(/^\s+HOST: 0\.0\.0\.0$/m);
    expect(compose).toMatch(/^\s+PUBLIC_URL: /m);
  });
});

/** The entries of one `ports:` list (`- '127.0.0.1:5432:5432'`, quoted either way or not), up to the next key. */
function portsFrom(lines: readonly string[]): string[] {
  const entries: string[] = [];
  for (const line of lines) {
    const entry = /^\s+-\s+(["']?)([^"'\s]+)\1\s*$/.exec(line);
    if (entry === null) break;
    entries.push(entry[2] ?? '');
  }
  return entries;
}
