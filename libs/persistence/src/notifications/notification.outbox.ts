import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type NotifiableEvent,
  NotificationOutbox,
  type NotificationRecord,
  type OwedNotification,
  type PlannedNotification,
  type SendClaim,
  type SendReceipt,
  type SubjectKind,
} from '@muster/application';
import type { JournalRecord } from '@muster/contracts';
import { JOURNAL_COLUMNS, type JournalRow, toJournalRecord } from '../journal/journal-record';
import { valueRows } from '../sql/value-rows';
import { type NotificationRow, toNotificationRecord } from './notification-row';

/** A provider's reason is kept short: enough to act on, never a place for message content to pile up. */
const MAX_ERROR_LENGTH = 500;
const clip = (error: string) => error.slice(0, MAX_ERROR_LENGTH);

@Injectable()
export class PostgresNotificationOutbox extends NotificationOutbox {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async notifiable(events: readonly JournalRecord[]): Promise<NotifiableEvent[]> {
    if (events.length === 0) return [];
    // The journal's actor (a sub, or `system`) and an escalation's raiser are not on the live record.
    const rows: Array<{ seq: string; actor: string; raised_by: string | null }> = await this.dataSource.query(
      `SELECT j.seq, j.actor,
              CASE WHEN jsonb_typeof(e.raised_by) = 'object' THEN e.raised_by->>'sub'
                   WHEN e.raised_by IS NOT NULL THEN 'system' END AS raised_by
         FROM journal j
         LEFT JOIN escalation e ON j.type LIKE 'escalation.%' AND e.id::text = j.data->>'id'
        WHERE j.seq = ANY($1::bigint[])
          AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.event_seq = j.seq)`,
      [events.map((e) => e.seq)],
    );
    const found = new Map(rows.map((r) => [Number(r.seq), r]));
    return events.flatMap((event) => {
      const row = found.get(event.seq);
      if (row === undefined) return [];
      const notifiable: NotifiableEvent = {
        seq: event.seq,
        type: event.type,
        at: event.at,
        marking: event.marking,
        data: event.data,
        actor: row.actor,
      };
      if (event.cell !== undefined) notifiable.cell = event.cell;
      if (row.raised_by !== null) notifiable.raisedBy = row.raised_by;
      return [notifiable];
    });
  }

  async record(seqs: readonly number[], rows: readonly PlannedNotification[]): Promise<OwedNotification[]> {
    if (seqs.length === 0) return [];
    return this.dataSource.transaction(async (manager) => {
      if (rows.length > 0) {
        const { tuples, values } = valueRows(
          rows.map((r) => [
            randomUUID(),
            r.eventSeq,
            r.eventType,
            r.subject.kind,
            r.subject.id,
            r.subject.cell ?? null,
            r.recipientKey,
            r.recipientName,
            r.channel,
            r.reason,
          ]),
        );
        await manager.query(
          `INSERT INTO notification (id, event_seq, event_type, subject_kind, subject_id, subject_cell,
                                     recipient_key, recipient_name, channel, reason)
           VALUES ${tuples}
           ON CONFLICT ON CONSTRAINT notification_once DO NOTHING`,
          values,
        );
      }
      const owed: Array<{ id: string; next_attempt_at: Date }> = await manager.query(
        `SELECT id, next_attempt_at FROM notification
          WHERE event_seq = ANY($1::bigint[]) AND status IN ('pending', 'sending')
          ORDER BY event_seq, id`,
        [seqs],
      );
      return owed.map((r) => ({ id: r.id, dueAt: r.next_attempt_at.toISOString() }));
    });
  }

  async byId(id: string): Promise<NotificationRecord | undefined> {
    const rows: NotificationRow[] = await this.dataSource.query(`SELECT * FROM notification WHERE id = $1`, [id]);
    return rows[0] === undefined ? undefined : toNotificationRecord(rows[0]);
  }

  async event(seq: number): Promise<JournalRecord | undefined> {
    const rows: JournalRow[] = await this.dataSource.query(`SELECT ${JOURNAL_COLUMNS} FROM journal WHERE seq = $1`, [
      seq,
    ]);
    return rows[0] === undefined ? undefined : toJournalRecord(rows[0]);
  }

  // UPDATEs that return rows go through a CTE: the driver then hands back plain rows, not [rows, count].
  async claim(id: string, now: Date, leaseUntil: Date): Promise<SendClaim> {
    const taken: NotificationRow[] = await this.dataSource.query(
      `WITH taken AS (
         UPDATE notification SET status = 'sending', attempts = attempts + 1, next_attempt_at = $3
          WHERE id = $1 AND status IN ('pending', 'sending') AND next_attempt_at <= $2
         RETURNING *
       )
       SELECT * FROM taken`,
      [id, now, leaseUntil],
    );
    if (taken[0] !== undefined) return { claimed: true, notification: toNotificationRecord(taken[0]) };
    const current = await this.byId(id);
    if (current === undefined || (current.status !== 'pending' && current.status !== 'sending')) {
      return { claimed: false, reason: 'settled' };
    }
    return { claimed: false, reason: 'early', dueAt: current.nextAttemptAt };
  }

  async markSent(id: string, receipt: SendReceipt, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification SET status = 'sent', sent_at = $2, provider_reference = $3, provider_status = $4,
              delivered_at = CASE WHEN $4 = 'delivered' THEN $2::timestamptz END, last_error = NULL
        WHERE id = $1 AND status = 'sending'`,
      [id, at, receipt.reference ?? null, clip(receipt.status)],
    );
  }

  async markRetry(id: string, at: Date, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification SET status = 'pending', next_attempt_at = $2, last_error = $3
        WHERE id = $1 AND status = 'sending'`,
      [id, at, clip(error)],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification SET status = 'failed', last_error = $2 WHERE id = $1 AND status IN ('pending', 'sending')`,
      [id, clip(error)],
    );
  }

  async markCancelled(id: string, reason: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH cancelled AS (
         UPDATE notification SET status = 'cancelled', last_error = $2
          WHERE id = $1 AND status IN ('pending', 'sending') RETURNING 1
       )
       SELECT 1 FROM cancelled`,
      [id, clip(reason)],
    );
    return rows.length > 0;
  }

  async owed(now: Date, limit: number): Promise<OwedNotification[]> {
    const rows: Array<{ id: string; next_attempt_at: Date; status: string }> = await this.dataSource.query(
      `SELECT id, next_attempt_at, status FROM notification
        WHERE status = 'pending' OR (status = 'sending' AND next_attempt_at <= $1)
        ORDER BY next_attempt_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({ id: r.id, dueAt: r.next_attempt_at.toISOString() }));
  }

  async about(kind: SubjectKind, id: string): Promise<NotificationRecord[]> {
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT * FROM notification WHERE subject_kind = $1 AND subject_id = $2 ORDER BY created_at, event_seq, id`,
      [kind, id],
    );
    return rows.map(toNotificationRecord);
  }
}
