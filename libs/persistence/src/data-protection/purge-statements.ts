import type { RetentionRecordType } from '@muster/domain';

/**
 * One batch of each type's purge: deletes at most $2 rows that expired before $1 and returns how many.
 * Rows are locked with SKIP LOCKED so a purge never waits on, or undoes, a change in flight. The
 * decision log and the journal appear nowhere here (and their triggers refuse a delete anyway).
 */
const purge = (table: string, expired: string) => `
  WITH doomed AS (SELECT ctid FROM ${table} t WHERE ${expired} LIMIT $2 FOR UPDATE SKIP LOCKED),
       gone AS (DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM doomed) RETURNING 1)
  SELECT count(*)::int AS deleted FROM gone`;

export const PURGE_STATEMENTS: Record<RetentionRecordType, string> = {
  // Only versions superseded before the cut-off: the latest version of every day's report stays.
  sitrep: purge(
    'sitrep',
    `EXISTS (SELECT 1 FROM sitrep n WHERE n.cell = t.cell AND n.authority = t.authority AND n.date = t.date
                AND n.version > t.version AND n.submitted_at < $1)`,
  ),
  'idempotency-record': purge('idempotency_record', `t.created_at < $1`),
  'access-audit': purge('access_audit', `t.at < $1`),
  // Closed escalations, resolved or withdrawn, aged from when they closed, not from raising. A request's
  // pointer to its escalation is not a foreign key: the request may outlive it (a reader following the id
  // gets 404, as for anything purged). What Muster sent about an escalation (its notification rows, which
  // name who was told) refers to it by id, not by foreign key, so it goes in the same statement.
  'resolved-escalation': `
  WITH doomed AS (
         SELECT ctid, id FROM escalation t
          WHERE t.status IN ('resolved', 'withdrawn') AND t.raised_at < $1
            AND (SELECT max((h ->> 'at')::timestamptz) FROM jsonb_array_elements(t.history) h
                  WHERE h ->> 'step' IN ('resolved', 'withdrawn')) < $1
          LIMIT $2 FOR UPDATE SKIP LOCKED),
       told AS (DELETE FROM notification n USING doomed d
                 WHERE n.subject_kind = 'escalation' AND n.subject_id = d.id::text RETURNING 1),
       gone AS (DELETE FROM escalation WHERE ctid IN (SELECT ctid FROM doomed) RETURNING 1)
  SELECT count(*)::int AS deleted FROM gone`,
  // A request an escalation still points at (foreign key) waits until that escalation is purged.
  'decided-request': purge(
    'decision_request',
    `t.status = 'decided' AND t.decided_at < $1
       AND NOT EXISTS (SELECT 1 FROM escalation e WHERE e.decision_request_id = t.id)`,
  ),
};
