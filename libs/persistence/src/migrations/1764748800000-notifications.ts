import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification outbox: one row per (journal event, recipient, channel), planned by the relay in the
 * same pass that publishes the event, and sent by worker jobs that re-read their row. The unique key is
 * what makes a repeated relay batch plan nothing twice. Rows hold who and how, never message content:
 * the message is built from the journal when it is sent, and `last_error` is the provider's reason only.
 */
export class Notifications1764748800000 implements MigrationInterface {
  name = 'Notifications1764748800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY,
        event_seq bigint NOT NULL,
        event_type text NOT NULL,
        subject_kind text NOT NULL CHECK (subject_kind IN ('escalation', 'decision-request', 'feed', 'action')),
        subject_id text NOT NULL,
        subject_cell text,
        recipient_key text NOT NULL,
        recipient_name text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'sms', 'teams', 'webhook')),
        -- Why the recipient is told (holder, raiser, ...): the message says so.
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        provider_reference text,
        provider_status text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        delivered_at timestamptz,
        CONSTRAINT notification_once UNIQUE (event_seq, recipient_key, channel)
      )`);
    // What reconciliation scans: rows still owed a send.
    await q.query(
      `CREATE INDEX notification_owed ON notification (next_attempt_at) WHERE status IN ('pending', 'sending')`,
    );
    await q.query(`CREATE INDEX notification_subject ON notification (subject_kind, subject_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
  }
}
