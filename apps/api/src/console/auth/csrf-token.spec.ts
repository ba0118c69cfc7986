import { csrfToken, csrfTokenValid } from './csrf-token';

describe('console CSRF tokens', () => {
  const secret = 'a-session-secret';

  it('differ on every page and are each good for the session that made them', () => {
    const first = csrfToken(secret);
    const second = csrfToken(secret);
    expect(first).not.toBe(second);
    expect(csrfTokenValid(secret, first)).toBe(true);
    expect(csrfTokenValid(secret, second)).toBe(true);
  });

  it('are refused for another session, altered, missing or malformed', () => {
    const token = csrfToken(secret);
    const [salt = '', mac = ''] = token.split('.');
    expect(csrfTokenValid('another-session-secret', token)).toBe(false);
    expect(csrfTokenValid(secret, `${salt}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(csrfTokenValid(secret, `x${salt}.${mac}`)).toBe(false);
    for (const bad of [undefined, '', '.', salt, `${token}.more`, `.${mac}`, ['a', 'b'], 42, 'x'.repeat(300)]) {
      expect(csrfTokenValid(secret, bad)).toBe(false);
    }
  });
});
