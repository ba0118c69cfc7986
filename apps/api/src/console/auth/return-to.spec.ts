import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it.each([
    ['/', '/'],
    ['/?cell=ppe', '/?cell=ppe'],
    ['/escalations/abc?status=open', '/escalations/abc?status=open'],
    ['/cells/ppe#entry-3', '/cells/ppe'],
    ['/a/../b', '/b'],
  ])('keeps the console path %s as %s', (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a scheme-relative URL', '//evil.example/path'],
    ['a backslash browsers read as a slash', '/\\evil.example'],
    ['a tab browsers drop', '/\t/evil.example'],
    ['a newline', '/\n/evil.example'],
    ['a relative path', 'cells/ppe'],
    ['javascript', 'javascript:alert(1)'],
    ['sign-in itself', '/signin?returnTo=/'],
    ['the callback', '/auth/callback?code=x'],
    ['sign-out', '/signout'],
    ['nothing', undefined],
    ['a list', ['/a', '/b']],
    ['something far too long', `/${'a'.repeat(2_000)}`],
  ])('sends %s to the board instead', (_what, value) => {
    expect(safeReturnTo(value)).toBe('/');
  });
});
