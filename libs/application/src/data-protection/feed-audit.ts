import { AccessAuditEntry, DailyFeed, sensitiveAccess } from '@muster/domain';

/** The sensitive escalations and decisions a served feed (already filtered for its reader) contains. */
export function sensitiveFeedItems(feeds: readonly DailyFeed[]): AccessAuditEntry[] {
  return feeds.flatMap((feed) =>
    feed.cells.flatMap((cell) => [
      ...sensitiveAccess(
        'feed.read',
        'escalation',
        cell.escalations.items.map((e) => ({ ...e, cell: cell.slug })),
      ),
      ...sensitiveAccess(
        'feed.read',
        'decision',
        cell.decisions.map((d) => ({ ...d, cell: cell.slug })),
      ),
    ]),
  );
}
