import { DEFAULT_ACK_SLA, parseAckSla } from './ack-sla';
import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig, loadDevelopmentSigning, loadOfflineConfig } from './config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/muster',
  REDIS_URL: 'redis://127.0.0.1:6379',
  AUTH_JWT_SECRET: 'a-development-secret-of-at-least-32-chars',
};

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(valid);
    expect(config.http.port).toBe(3000);
    expect(config.region.timeZone).toBe('Europe/London');
    expect(config.auth.audience).toBe('muster');
    expect(config.relay.pollIntervalMs).toBe(1000);
  });

  it('names every bad variable at once', () => {
    const attempt = () =>
      loadConfig({
        DATABASE_URL: 'mysql://nope',
        REDIS_URL: 'not a url',
        PORT: 'eighty',
        REGION_TIMEZONE: 'Mars/Olympus',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
      expect(variables).toEqual(['AUTH_JWT_SECRET', 'DATABASE_URL', 'PORT', 'REDIS_URL', 'REGION_TIMEZONE']);
      expect((error as ConfigError).message).toContain('REGION_TIMEZONE: not an IANA time zone');
    }
  });

  it('requires an issuer with a JWKS URL and JWKS in production', () => {
    expect(() => loadConfig({ ...valid, AUTH_JWKS_URL: 'https://login.example/keys' })).toThrow(/AUTH_ISSUER/);
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL/);
  });

  it('treats an empty optional variable as unset', () => {
    expect(loadConfig({ ...valid, AUTH_JWKS_URL: '', AUTH_ISSUER: '' }).auth.jwksUrl).toBeUndefined();
  });
});

describe('escalation and worker settings', () => {
  const minutes = (n: number) => n * 60_000;

  it('defaults the acknowledgement deadlines, the reconcile interval and the metrics port', () => {
    const config = loadConfig(valid);
    expect(config.escalation.ackSlaMs).toEqual({
      critical: minutes(15),
      high: minutes(60),
      medium: minutes(240),
      low: minutes(1440),
    });
    expect(config.escalation.reconcileIntervalMs).toBe(30_000);
    expect(config.worker.metricsPort).toBe(9464);
  });

  it('merges a partial ESCALATION_ACK_SLA with the defaults, in any unit', () => {
    const config = loadConfig({ ...valid, ESCALATION_ACK_SLA: 'critical=500ms, low = 90' });
    expect(config.escalation.ackSlaMs).toEqual({
      critical: 500,
      high: minutes(60),
      medium: minutes(240),
      low: 90_000,
    });
  });

  it('lets the worker metrics endpoint be switched off with 0', () => {
    expect(loadConfig({ ...valid, WORKER_METRICS_PORT: '0' }).worker.metricsPort).toBe(0);
  });

  it.each([
    ['an unknown severity', 'urgent=5m', /unknown severity "urgent"/],
    ['a bad value', 'high=soon', /high: "soon" is not a duration/],
    ['a missing value', 'high', /"high" is not severity=duration/],
    ['a zero deadline', 'low=0s', /low: must be longer than zero/],
    ['a severity given twice', 'high=1m,high=2m', /high is given twice/],
  ])('refuses %s in ESCALATION_ACK_SLA, naming the variable', (_, value, message) => {
    expect(() => loadConfig({ ...valid, ESCALATION_ACK_SLA: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...valid, ESCALATION_ACK_SLA: value })).toThrow(/ESCALATION_ACK_SLA: /);
    expect(() => loadConfig({ ...valid, ESCALATION_ACK_SLA: value })).toThrow(message);
  });

  it('refuses a bad reconcile interval and metrics port', () => {
    try {
      loadConfig({ ...valid, ESCALATION_RECONCILE_INTERVAL: '0s', WORKER_METRICS_PORT: '70000' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
        'ESCALATION_RECONCILE_INTERVAL',
        'WORKER_METRICS_PORT',
      ]);
    }
  });
});

describe('parseAckSla', () => {
  it('reads the documented default format', () => {
    expect(parseAckSla('critical=15m,high=1h,medium=4h,low=24h')).toEqual({
      critical: 900_000,
      high: 3_600_000,
      medium: 14_400_000,
      low: 86_400_000,
    });
  });

  it('treats an empty value as the defaults', () => {
    expect(parseAckSla('')).toEqual(parseAckSla(DEFAULT_ACK_SLA));
  });
});

describe('loadDevelopmentSigning', () => {
  it('signs with the secret npm start uses when none is set, so npm run token works beside it', () => {
    expect(loadDevelopmentSigning({})).toEqual({ secret: DEVELOPMENT_JWT_SECRET, audience: 'muster' });
  });

  it('never mints development tokens in production and refuses a short secret', () => {
    expect(() => loadDevelopmentSigning({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadDevelopmentSigning({ AUTH_JWT_SECRET: 'short' })).toThrow(/AUTH_JWT_SECRET/);
  });
});

describe('loadOfflineConfig', () => {
  it('needs no connection settings nor secret, and keeps the ones the environment sets', () => {
    const config = loadOfflineConfig({
      PUBLIC_URL: 'https://muster.example.gov.uk/',
      REDIS_PREFIX: 'docs',
      AUTH_JWT_SECRET: '',
    });
    expect({ publicUrl: config.http.publicUrl, prefix: config.redis.prefix, secret: config.auth.jwtSecret }).toEqual({
      publicUrl: 'https://muster.example.gov.uk',
      prefix: 'docs',
      secret: DEVELOPMENT_JWT_SECRET,
    });
    expect(loadOfflineConfig({ DATABASE_URL: 'postgres://u@db/muster' }).database.url).toBe('postgres://u@db/muster');
  });

  it('still refuses a bad value the environment sets', () => {
    expect(() => loadOfflineConfig({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
  });
});

describe('TRUST_PROXY', () => {
  it('believes no forwarded address unless told which proxies to trust', () => {
    expect(loadConfig(valid).http.trustProxy).toBe(false);
    expect(loadConfig({ ...valid, TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
    expect(loadConfig({ ...valid, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).http.trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(() => loadConfig({ ...valid, TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });
});

const production = {
  ...valid,
  NODE_ENV: 'production',
  AUTH_JWKS_URL: 'https://login.example/keys',
  AUTH_ISSUER: 'https://login.example/',
  PUBLIC_URL: 'https://muster.example.gov.uk',
};

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('safe defaults', () => {
  it('listens on the loopback interface unless HOST says otherwise', () => {
    expect(loadConfig(valid).http.host).toBe('127.0.0.1');
    expect(loadConfig({ ...valid, HOST: '0.0.0.0' }).http.host).toBe('0.0.0.0');
  });

  it('starts in production with its own secret, or none beside the JWKS', () => {
    expect(loadConfig(production).env).toBe('production');
    expect(loadConfig({ ...production, AUTH_JWT_SECRET: '' }).auth.jwtSecret).toBeUndefined();
  });

  it.each([
    ['the development secret npm start and the compose file use', DEVELOPMENT_JWT_SECRET],
    ['the tests’ secret', 'muster-test-secret-not-for-production-0123456789'],
  ])('refuses to start in production with %s, naming AUTH_JWT_SECRET', (_, secret) => {
    expect(problemsOf({ ...production, AUTH_JWT_SECRET: secret })).toEqual([
      { variable: 'AUTH_JWT_SECRET', message: expect.stringContaining('published development or test secret') },
    ]);
    // Outside production the same secret is what development runs on.
    expect(loadConfig({ ...valid, AUTH_JWT_SECRET: secret }).auth.jwtSecret).toBe(secret);
  });

  it('refuses a secret shorter than 32 characters anywhere', () => {
    expect(problemsOf({ ...production, AUTH_JWT_SECRET: 'short-secret' }).map((p) => p.variable)).toEqual([
      'AUTH_JWT_SECRET',
    ]);
    expect(problemsOf({ ...valid, AUTH_JWT_SECRET: 'short-secret' }).map((p) => p.variable)).toEqual([
      'AUTH_JWT_SECRET',
    ]);
  });
});

describe('PUBLIC_URL', () => {
  it('defaults to the loopback address and port outside production, and loses a trailing slash', () => {
    expect(loadConfig(valid).http.publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ ...valid, PORT: '8080' }).http.publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ ...valid, PUBLIC_URL: 'https://muster.example.gov.uk/' }).http.publicUrl).toBe(
      'https://muster.example.gov.uk',
    );
    expect(loadConfig({ ...valid, PUBLIC_URL: 'https://example.gov.uk/muster/' }).http.publicUrl).toBe(
      'https://example.gov.uk/muster',
    );
  });

  it('is required in production', () => {
    expect(() => loadConfig({ ...production, PUBLIC_URL: '' })).toThrow(/PUBLIC_URL: required in production/);
  });

  it.each([
    'muster.example.gov.uk',
    '/api',
    'ftp://muster.example',
    'https://muster.example/?x=1',
    'https://muster.example/#top',
    'https://user:pw@muster.example',
    'https://muster.example/?',
  ])('refuses %s', (value) => {
    expect(() => loadConfig({ ...valid, PUBLIC_URL: value })).toThrow(/PUBLIC_URL: an absolute http\(s\) URL/);
  });
});

describe('console sign-in (OIDC_*) and sessions', () => {
  const oidc = {
    OIDC_ISSUER: 'https://login.example/tenant/v2.0',
    OIDC_CLIENT_ID: 'muster-console',
    OIDC_CLIENT_SECRET: 'a-client-secret-of-some-length',
  };

  it('has no sign-in without the OIDC variables, and sessions of at most 12 hours', () => {
    expect(loadConfig(valid).console).toEqual({ sessionMaxAgeMs: 12 * 3_600_000 });
  });

  it('reads the provider, the scopes and the claim mapping, the roles claim following AUTH_ROLES_CLAIM', () => {
    expect(loadConfig({ ...valid, ...oidc, AUTH_ROLES_CLAIM: 'app_roles', SESSION_MAX_AGE: '8h' }).console).toEqual({
      oidc: {
        ...{ issuer: oidc.OIDC_ISSUER, clientId: oidc.OIDC_CLIENT_ID, clientSecret: oidc.OIDC_CLIENT_SECRET },
        scopes: 'openid profile',
        claims: { roles: 'app_roles', authority: 'authority', cells: 'cells', clearance: 'clearance' },
      },
      sessionMaxAgeMs: 8 * 3_600_000,
    });
    const mapped = loadConfig({
      ...valid,
      ...oidc,
      OIDC_SCOPES: 'openid profile offline_access',
      OIDC_ROLES_CLAIM: 'roles',
      OIDC_AUTHORITY_CLAIM: 'extn.gss',
      OIDC_CELLS_CLAIM: 'extn.cells',
      OIDC_CLEARANCE_CLAIM: 'extn.clearance',
    }).console.oidc;
    expect(mapped?.scopes).toBe('openid profile offline_access');
    expect(mapped?.claims).toEqual({
      roles: 'roles',
      authority: 'extn.gss',
      cells: 'extn.cells',
      clearance: 'extn.clearance',
    });
  });

  it('wants the issuer, client id and secret together, naming each one missing', () => {
    expect(problemsOf({ ...valid, OIDC_ISSUER: oidc.OIDC_ISSUER })).toEqual([
      { variable: 'OIDC_CLIENT_ID', message: "required with OIDC_ISSUER (the console's sign-in needs all three)" },
      { variable: 'OIDC_CLIENT_SECRET', message: "required with OIDC_ISSUER (the console's sign-in needs all three)" },
    ]);
    expect(problemsOf({ ...valid, OIDC_CLIENT_SECRET: oidc.OIDC_CLIENT_SECRET }).map((p) => p.variable)).toEqual([
      'OIDC_ISSUER',
      'OIDC_CLIENT_ID',
    ]);
  });

  it('refuses bad values without repeating a secret, and an http issuer in production', () => {
    const found = problemsOf({
      ...valid,
      OIDC_ISSUER: 'ftp://login.example',
      OIDC_CLIENT_ID: 'muster console',
      OIDC_CLIENT_SECRET: 'short-secret',
      OIDC_SCOPES: 'profile',
      SESSION_MAX_AGE: '30s',
    });
    expect(found.map((p) => p.variable).sort()).toEqual([
      'OIDC_CLIENT_ID',
      'OIDC_CLIENT_SECRET',
      'OIDC_ISSUER',
      'OIDC_SCOPES',
      'SESSION_MAX_AGE',
    ]);
    expect(JSON.stringify(found)).not.toContain('short-secret');
    expect(problemsOf({ ...production, ...oidc, OIDC_ISSUER: 'http://login.example' })).toEqual([
      { variable: 'OIDC_ISSUER', message: 'must be https in production (tokens and secrets travel to it)' },
    ]);
  });

  it('serves the console at the root of PUBLIC_URL: a path is refused once sign-in is configured', () => {
    expect(
      problemsOf({ ...valid, ...oidc, PUBLIC_URL: 'https://example.gov.uk/muster' }).map((p) => p.variable),
    ).toEqual(['PUBLIC_URL']);
    expect(loadConfig({ ...valid, ...oidc, PUBLIC_URL: 'https://muster.example.gov.uk/' }).http.publicUrl).toBe(
      'https://muster.example.gov.uk',
    );
  });
});
