import { httpCors, originAllowed } from './cors';

describe('httpCors', () => {
  it('sends no CORS headers at all without configured origins', () => {
    expect(httpCors([])).toBeUndefined();
  });

  it('allows exactly the configured origins, without credentials', () => {
    const options = httpCors(['https://a.example']);
    expect(options?.origin).toEqual(['https://a.example']);
    expect(options?.credentials).toBe(false);
    expect(options?.exposedHeaders).toContain('retry-after');
  });
});

describe('originAllowed (socket handshakes)', () => {
  it('admits clients that send no Origin and browsers on a listed origin only', () => {
    expect(originAllowed(undefined, [])).toBe(true);
    expect(originAllowed('https://a.example', [])).toBe(false);
    expect(originAllowed('https://a.example', ['https://a.example'])).toBe(true);
    expect(originAllowed('https://a.example.evil', ['https://a.example'])).toBe(false);
  });
});
