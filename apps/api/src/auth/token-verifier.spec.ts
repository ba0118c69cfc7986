import { JWTPayload, SignJWT } from 'jose';
import { loadConfig } from '@muster/config';
import { DomainError } from '@muster/domain';
import { TokenVerifier } from './token-verifier';
import { BIRMINGHAM } from '@muster/builders';

const SECRET = 'a-development-secret-of-at-least-32-chars';
const ISSUER = 'https://muster.example/dev';

/** Development mode (HS256), with an issuer configured so a wrong one can be told apart. */
const verifier = new TokenVerifier(
  loadConfig({
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused',
    REDIS_URL: 'redis://127.0.0.1:6379',
    AUTH_JWT_SECRET: SECRET,
    AUTH_ISSUER: ISSUER,
  }),
);

interface Shape {
  claims?: Record<string, unknown>;
  audience?: string;
  issuer?: string;
  /** A jose time span, or null for no `exp` at all. */
  expires?: string | null;
  notBefore?: string;
  secret?: string;
}

function token({
  claims = {},
  audience = 'muster',
  issuer = ISSUER,
  expires = '10m',
  notBefore,
  secret = SECRET,
}: Shape = {}): Promise<string> {
  const jwt = new SignJWT({
    sub: 'lead-1',
    name: 'Asha Lead',
    roles: ['cell-lead'],
    cells: ['ppe'],
    authority: BIRMINGHAM,
    ...claims,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setAudience(audience)
    .setIssuer(issuer)
    .setIssuedAt();
  if (expires !== null) jwt.setExpirationTime(expires);
  if (notBefore !== undefined) jwt.setNotBefore(notBefore);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** The refusal, which must be a DomainError with the given code. */
async function refusal(pending: Promise<unknown>, code = 'unauthorized'): Promise<string> {
  const error: unknown = await pending.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a refusal, got ${String(error)}`);
  expect(error.code).toBe(code);
  return error.message;
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('TokenVerifier says what is wrong with a token', () => {
  it('accepts a well-formed token', async () => {
    const { principal } = await verifier.verify(await token());
    expect(principal).toMatchObject({ sub: 'lead-1', name: 'Asha Lead', authority: BIRMINGHAM });
  });

  it.each<[string, Shape, string]>([
    ['expired', { expires: '-1m' }, 'the token has expired'],
    ['for another audience', { audience: 'not-muster' }, 'the token is for another audience (aud)'],
    ['from another issuer', { issuer: 'https://evil.example' }, 'the token is from another issuer (iss)'],
    ['without exp', { expires: null }, 'the token has no exp claim'],
    ['not valid yet', { notBefore: '5m' }, 'the token is not valid yet (nbf)'],
    [
      'signed with another secret',
      { secret: 'not-the-secret-but-just-as-long-0123456789' },
      "the token's signature is not valid",
    ],
  ])('a token %s', async (_what, shape, message) => {
    expect(await refusal(verifier.verify(await token(shape)))).toBe(message);
  });

  it('a token without sub', async () => {
    const noSub = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('muster')
      .setIssuer(ISSUER)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    expect(await refusal(verifier.verify(noSub))).toBe('the token has no sub claim');
  });

  it('an unsigned token, and one signed with an algorithm Muster does not accept', async () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = base64url({ sub: 'x', aud: 'muster', iss: ISSUER, exp: now + 600 });
    expect(await refusal(verifier.verify(`${base64url({ alg: 'none' })}.${payload}.`))).toBe(
      'the token is signed with an algorithm Muster does not accept',
    );
    expect(await refusal(verifier.verify(`${base64url({ alg: 'HS512' })}.${payload}.c2ln`))).toBe(
      'the token is signed with an algorithm Muster does not accept',
    );
  });

  it('something that is not a JWT', async () => {
    expect(await refusal(verifier.verify('not-a-jwt'))).toBe('the token is not a well-formed JWT');
    expect(await refusal(verifier.verify(undefined))).toBe('a bearer token is required');
  });

  it('an exp that is not a number', async () => {
    // jose's types (rightly) want a number: the malformed payload is built as a client's could be.
    const payload = { sub: 'x', aud: 'muster', iss: ISSUER, exp: 'tomorrow' } as unknown as JWTPayload;
    const jwt = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
    expect(await refusal(verifier.verify(jwt))).toBe("the token's exp claim is not valid");
  });
});

describe('TokenVerifier refuses claims no column can hold, naming the claim', () => {
  it.each<[string, string, unknown]>([
    ['sub', 'with a NUL', 'lead\u0000one'],
    ['sub', 'with a lone high surrogate', 'lone \uD800'],
    ['sub', 'of 256 characters', 's'.repeat(256)],
    ['name', 'with a NUL', 'Asha\u0000'],
    ['name', 'with a lone low surrogate', 'lone \uDC00 low'],
    ['name', 'of 257 characters', 'n'.repeat(257)],
    ['name', 'that is a number', 42],
    ['authority', 'with a NUL', 'E08000025\u0000'],
    ['authority', 'that is not a GSS code', 'Birmingham'],
    ['cells', 'with a NUL in a slug', ['ppe\u0000']],
    ['cells', 'with a lone surrogate', ['\uD800']],
    ['cells', 'that is not a list', 'ppe'],
    ['cells', 'of 201 cells', Array.from({ length: 201 }, (_, i) => `cell-${i}`)],
    ['clearance', 'that is no marking', 'TOP-SECRET'],
  ])('the %s claim %s', async (claim, _what, value) => {
    expect(await refusal(verifier.verify(await token({ claims: { [claim]: value } })))).toBe(
      `the token's ${claim} claim is not valid`,
    );
  });

  it('accepts claims at their bounds: a 255-character sub, a 256-character name, 200 cells, any Unicode', async () => {
    const cells = Array.from({ length: 200 }, (_, i) => `cell-${i}`);
    const { principal } = await verifier.verify(
      await token({ claims: { sub: 's'.repeat(255), name: `${'n'.repeat(250)} 😷 é`, cells } }),
    );
    expect(principal.sub).toHaveLength(255);
    expect(principal.name.endsWith('😷 é')).toBe(true);
    expect(principal.cells.size).toBe(200);
  });
});
