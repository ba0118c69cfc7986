import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { loadConfig } from '@muster/config';
import { TokenVerifier } from './token-verifier';

const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

/** Production mode: tokens from an OIDC provider, verified against its JWKS over real HTTP. */
describe('TokenVerifier with a JWKS endpoint', () => {
  let server: Server;
  let verifier: TokenVerifier;
  let sign: (
    claims: Record<string, unknown>,
    options?: { issuer?: string; audience?: string; exp?: string },
  ) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    server = createServer((_, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const config = loadConfig({
      ...base,
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/keys`,
      AUTH_ISSUER: 'https://login.example/tenant/v2.0',
      AUTH_AUDIENCE: 'api://muster',
      AUTH_ROLES_CLAIM: 'app_roles',
    });
    verifier = new TokenVerifier(config);
    sign = (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(options.issuer ?? 'https://login.example/tenant/v2.0')
        .setAudience(options.audience ?? 'api://muster')
        .setSubject('user-1')
        .setIssuedAt()
        .setExpirationTime(options.exp ?? '10m')
        .sign(privateKey);
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('accepts a provider token and reads roles from the configured claim, ignoring unknown ones', async () => {
    const token = await sign({
      name: 'Sam',
      app_roles: ['regional-coordinator', 'Global.Reader'],
      clearance: 'OFFICIAL-SENSITIVE',
    });
    const { principal } = await verifier.verify(token);
    expect([...principal.roles]).toEqual(['regional-coordinator']);
    expect(principal.clearance).toBe('OFFICIAL-SENSITIVE');
    expect(principal.sub).toBe('user-1');
  });

  it('refuses a token from another issuer or for another audience, saying which', async () => {
    await expect(
      verifier.verify(await sign({ app_roles: ['admin'] }, { issuer: 'https://evil.example' })),
    ).rejects.toMatchObject({
      code: 'unauthorized',
      message: 'the token is from another issuer (iss)',
    });
    await expect(verifier.verify(await sign({ app_roles: ['admin'] }, { audience: 'other' }))).rejects.toMatchObject({
      code: 'unauthorized',
      message: 'the token is for another audience (aud)',
    });
  });

  it('refuses a token signed with a key the provider does not publish, saying so', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ app_roles: ['admin'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'not-published' })
      .setIssuer('https://login.example/tenant/v2.0')
      .setAudience('api://muster')
      .setSubject('user-1')
      .setExpirationTime('10m')
      .sign(privateKey);
    await expect(verifier.verify(token)).rejects.toMatchObject({
      code: 'unauthorized',
      message: "the token is signed with a key the identity provider's key set does not single out",
    });
  });

  it('refuses a token signed with the published key id but another key: its signature is not valid', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ app_roles: ['admin'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer('https://login.example/tenant/v2.0')
      .setAudience('api://muster')
      .setSubject('user-1')
      .setExpirationTime('10m')
      .sign(privateKey);
    await expect(verifier.verify(token)).rejects.toMatchObject({
      code: 'unauthorized',
      message: "the token's signature is not valid",
    });
  });

  it('refuses an expired token, saying so', async () => {
    const token = await sign({ app_roles: ['admin'] }, { exp: '-1m' });
    await expect(verifier.verify(token)).rejects.toMatchObject({
      code: 'unauthorized',
      message: 'the token has expired',
    });
  });

  it('refuses a shared-secret token once JWKS is configured', async () => {
    const hs = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://login.example/tenant/v2.0')
      .setAudience('api://muster')
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-development-secret-of-at-least-32-chars'));
    await expect(verifier.verify(hs)).rejects.toMatchObject({
      code: 'unauthorized',
      message: 'the token is signed with an algorithm Muster does not accept',
    });
  });
});

describe('TokenVerifier when the identity provider does not answer', () => {
  it('is unavailable (503), not a bad token, when the key set cannot be fetched in time', async () => {
    // A server that accepts the connection and never answers: jose's JWKS fetch times out.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const config = loadConfig({
        ...base,
        AUTH_JWKS_URL: `http://127.0.0.1:${port}/keys`,
        AUTH_ISSUER: 'https://login.example/tenant/v2.0',
        AUTH_AUDIENCE: 'api://muster',
      });
      const { privateKey } = await generateKeyPair('ES256');
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer('https://login.example/tenant/v2.0')
        .setAudience('api://muster')
        .setSubject('user-1')
        .setExpirationTime('10m')
        .sign(privateKey);
      await expect(new TokenVerifier(config).verify(token)).rejects.toMatchObject({ code: 'service-unavailable' });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
