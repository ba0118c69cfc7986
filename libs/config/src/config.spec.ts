import { ConfigError, loadConfig } from './config';

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
