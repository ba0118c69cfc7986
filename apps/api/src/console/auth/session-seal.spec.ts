import { isSessionId, newSessionId, seal, sessionIdHash, SessionContent, unseal } from './session-seal';

const content: SessionContent = {
  person: {
    sub: 'dev-cell-lead',
    name: 'Priya Shah',
    roles: ['cell-lead'],
    cells: ['ppe'],
    clearance: 'OFFICIAL-SENSITIVE',
  },
  idToken: 'header.payload.signature',
  refreshToken: 'refresh-token-value',
  csrfSecret: 'secret',
};

describe('session seal', () => {
  it('opens only with the session id it was sealed for, and holds no readable secret', () => {
    const id = newSessionId();
    const sealed = seal(id, content);
    expect(unseal(id, sealed)).toEqual(content);
    expect(unseal(newSessionId(), sealed)).toBeUndefined();
    const text = Buffer.from(sealed).toString('latin1');
    for (const secret of ['refresh-token-value', 'header.payload', 'Priya', 'OFFICIAL-SENSITIVE'])
      expect(text).not.toContain(secret);
  });

  it('refuses an altered or truncated seal', () => {
    const id = newSessionId();
    const sealed = Buffer.from(seal(id, content));
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
    expect(unseal(id, altered)).toBeUndefined();
    expect(unseal(id, sealed.subarray(0, 20))).toBeUndefined();
  });

  it('makes ids of 256 random bits that only the id itself matches, and hashes them for storage', () => {
    const id = newSessionId();
    expect(isSessionId(id)).toBe(true);
    expect(id).not.toBe(newSessionId());
    for (const bad of [undefined, '', 'short', `${id}x`, `${id.slice(1)}!`]) expect(isSessionId(bad)).toBe(false);
    expect(Buffer.from(sessionIdHash(id))).toHaveLength(32);
    expect(Buffer.from(sessionIdHash(id)).toString('base64url')).not.toContain(id);
  });
});
