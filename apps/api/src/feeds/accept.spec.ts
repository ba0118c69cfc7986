import { prefersHtml } from './accept';

describe('prefersHtml', () => {
  it.each<[string | undefined, boolean]>([
    // What browsers send: the page.
    ['text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8', true],
    ['text/html', true],
    ['application/xhtml+xml', true],
    // What API clients send, or nothing: JSON, the contract's default.
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['application/json', false],
    ['application/json, text/plain, */*', false],
    ['text/html;q=0.5, application/json', false],
    ['application/json;q=0.5, text/html', true],
    ['text/html;q=0', false],
    ['TEXT/HTML', true],
  ])('%p → %p', (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });
});
