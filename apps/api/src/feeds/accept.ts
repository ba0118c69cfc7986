import Negotiator from 'negotiator';

// JSON first: on a tie (any type, or no Accept at all) the contract's default wins.
const OFFERED = ['application/json', 'text/html', 'application/xhtml+xml'] as const;

/**
 * Content negotiation for the daily feed (through `negotiator`): HTML only when the client ranks text/html
 * (or XHTML) above JSON, so browsers get the page and curl, fetch and `Accept: * / *` get JSON.
 */
export function prefersHtml(accept: string | undefined): boolean {
  const chosen = new Negotiator({ headers: { accept } }).mediaType(OFFERED);
  return chosen === 'text/html' || chosen === 'application/xhtml+xml';
}
