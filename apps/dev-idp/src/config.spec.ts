import { ConfigError } from '@muster/config';
import { DEVELOPMENT_CLIENT_SECRET, loadDevIdpConfig } from './config';

function problems(env: Record<string, string>): Array<{ variable: string; message: string }> {
  try {
    loadDevIdpConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('loadDevIdpConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadDevIdpConfig({})).toEqual({
      host: '127.0.0.1',
      port: 3001,
      issuer: undefined,
      client: {
        id: 'muster-console',
        secret: DEVELOPMENT_CLIENT_SECRET,
        redirectUris: ['http://127.0.0.1:3000/auth/callback'],
        postLogoutRedirectUris: ['http://127.0.0.1:3000/'],
        backchannelLogoutUri: undefined,
      },
      sessionTtlSeconds: 8 * 3600,
      regionDataFile: 'data/regions/west-midlands.json',
    });
  });

  it('reads lists, durations in seconds, and treats an empty variable as unset', () => {
    const config = loadDevIdpConfig({
      DEV_IDP_REDIRECT_URIS: 'http://127.0.0.1:3000/auth/callback, http://localhost:3000/auth/callback',
      DEV_IDP_SESSION_TTL: '5',
      DEV_IDP_ISSUER: '',
      DEV_IDP_PORT: '0',
    });
    expect(config.client.redirectUris).toEqual([
      'http://127.0.0.1:3000/auth/callback',
      'http://localhost:3000/auth/callback',
    ]);
    expect(config.sessionTtlSeconds).toBe(5);
    expect(config.issuer).toBeUndefined();
    expect(config.port).toBe(0);
    expect(loadDevIdpConfig({ DEV_IDP_SESSION_TTL: '15m' }).sessionTtlSeconds).toBe(900);
  });

  it('refuses production outright', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      { variable: 'NODE_ENV', message: 'the development sign-in service never runs in production' },
    ]);
  });

  it('names every bad variable at once, and a list entry by its position', () => {
    const found = problems({
      NODE_ENV: 'staging',
      DEV_IDP_PORT: '70000',
      DEV_IDP_ISSUER: 'http://127.0.0.1:3001/',
      DEV_IDP_REDIRECT_URIS: 'http://127.0.0.1:3000/auth/callback,ftp://example/cb',
      DEV_IDP_POST_LOGOUT_REDIRECT_URIS: 'http://127.0.0.1:3000/#top',
      DEV_IDP_SESSION_TTL: '500ms',
      OIDC_CLIENT_SECRET: 'too-short',
      OIDC_CLIENT_ID: 'muster console',
    });
    expect(found.map((p) => p.variable).sort()).toEqual([
      'DEV_IDP_ISSUER',
      'DEV_IDP_PORT',
      'DEV_IDP_POST_LOGOUT_REDIRECT_URIS',
      'DEV_IDP_REDIRECT_URIS',
      'DEV_IDP_SESSION_TTL',
      'NODE_ENV',
      'OIDC_CLIENT_ID',
      'OIDC_CLIENT_SECRET',
    ]);
    expect(found).toContainEqual({ variable: 'DEV_IDP_REDIRECT_URIS', message: 'entry 2: must be an http(s) URL' });
    expect(found).toContainEqual({ variable: 'DEV_IDP_SESSION_TTL', message: 'must be at least 1s' });
    expect(JSON.stringify(found)).not.toContain('too-short');
  });
});
