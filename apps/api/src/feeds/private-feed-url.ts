/** Where the private Atom feed is read (outside /api/v1: a feed reader sends no header). */
export const PRIVATE_FEED_PATH = '/feeds/daily.atom';

/** A private feed URL, from PUBLIC_URL (never the Host header) and the key. */
export function privateFeedUrl(publicUrl: string, key: string): string {
  return `${publicUrl}${PRIVATE_FEED_PATH}?key=${encodeURIComponent(key)}`;
}
