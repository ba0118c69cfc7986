/**
 * Content negotiation for the daily feed: HTML only when the client ranks text/html above JSON, so
 * browsers get the page and curl, fetch and `Accept: * / *` get JSON (the contract's default).
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return false;
  let html = 0;
  let json = 0;
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = qualityOf(params);
    if (type === 'text/html' || type === 'application/xhtml+xml') html = Math.max(html, q);
    else if (type === 'application/json' || type === 'application/*') json = Math.max(json, q);
    else if (type === '*/*') json = Math.max(json, q * 0.999); // a wildcard loses a tie to an explicit type
  }
  return html > 0 && html > json;
}

function qualityOf(params: string[]): number {
  const q = params.find((p) => p.startsWith('q='));
  if (q === undefined) return 1;
  const value = Number(q.slice(2));
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : 0;
}
