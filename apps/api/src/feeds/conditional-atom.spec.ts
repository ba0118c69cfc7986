import { conditionalAtom } from './conditional-atom';

const DOC = '<feed xmlns="http://www.w3.org/2005/Atom"/>';
const CHANGED = new Date('2026-11-20T07:00:00.000Z');

describe('the Atom document as a conditional GET answers it', () => {
  const first = conditionalAtom({}, DOC, CHANGED);

  it('answers 200 with a strong ETag over its bytes and Last-Modified at the change', () => {
    expect(first.status).toBe(200);
    expect(first.body).toBe(DOC);
    expect(first.headers).toEqual({
      'content-type': 'application/atom+xml; charset=utf-8',
      etag: expect.stringMatching(/^"[A-Za-z0-9_-]{43}"$/),
      'last-modified': 'Fri, 20 Nov 2026 07:00:00 GMT',
    });
    expect(conditionalAtom({}, `${DOC} `, CHANGED).headers['etag']).not.toBe(first.headers['etag']);
  });

  it('answers 304 with no body to If-None-Match naming its ETag (also weakly, or among others), or *', () => {
    const etag = first.headers['etag'] ?? '';
    for (const match of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const answer = conditionalAtom({ 'if-none-match': match }, DOC, CHANGED);
      expect({ match, status: answer.status, body: answer.body }).toEqual({ match, status: 304, body: '' });
      expect(answer.headers).toEqual({ etag, 'last-modified': first.headers['last-modified'] });
    }
    expect(conditionalAtom({ 'if-none-match': '"other"' }, DOC, CHANGED).status).toBe(200);
  });

  it('answers 304 whatever the request’s Cache-Control (fetch sends no-cache with every conditional request)', () => {
    const etag = first.headers['etag'] ?? '';
    expect(
      conditionalAtom({ 'if-none-match': etag, 'cache-control': 'no-cache', pragma: 'no-cache' }, DOC, CHANGED).status,
    ).toBe(304);
  });

  it('answers 304 to If-Modified-Since at or after the change, 200 before it', () => {
    expect(conditionalAtom({ 'if-modified-since': 'Fri, 20 Nov 2026 07:00:00 GMT' }, DOC, CHANGED).status).toBe(304);
    expect(conditionalAtom({ 'if-modified-since': 'Sat, 21 Nov 2026 07:00:00 GMT' }, DOC, CHANGED).status).toBe(304);
    expect(conditionalAtom({ 'if-modified-since': 'Fri, 20 Nov 2026 06:59:59 GMT' }, DOC, CHANGED).status).toBe(200);
  });

  it('lets If-None-Match decide when both are sent: a changed document is sent whatever its date', () => {
    const answer = conditionalAtom(
      { 'if-none-match': '"stale"', 'if-modified-since': 'Sat, 21 Nov 2026 07:00:00 GMT' },
      DOC,
      CHANGED,
    );
    expect(answer.status).toBe(200);
  });

  it('has no Last-Modified before anything is published, and then answers If-Modified-Since with the document', () => {
    const empty = conditionalAtom({ 'if-modified-since': 'Sat, 21 Nov 2026 07:00:00 GMT' }, DOC, undefined);
    expect(empty.status).toBe(200);
    expect(empty.headers['last-modified']).toBeUndefined();
  });
});
