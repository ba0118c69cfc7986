import { randomUUID } from 'node:crypto';
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

/** The outbox in memory, with the PostgreSQL store's status rules; `journal` holds the events messages are built from. */
export class FakeNotificationOutbox extends NotificationOutbox {
  readonly rows = new Map<string, NotificationRecord>();
  readonly journal = new Map<number, JournalRecord & { actor?: string }>();

  async notifiable(events: readonly JournalRecord[]): Promise<NotifiableEvent[]> {
    const planned = new Set([...this.rows.values()].map((r) => r.eventSeq));
    return Promise.resolve(
      events
        .filter((e) => !planned.has(e.seq))
        .map((e) => ({
          seq: e.seq,
          type: e.type,
          at: e.at,
          cell: e.cell,
          marking: e.marking,
          data: e.data,
          actor: 'system',
        })),
    );
  }

  async record(seqs: readonly number[], rows: readonly PlannedNotification[]): Promise<OwedNotification[]> {
    const key = (r: { eventSeq: number; recipientKey: string; channel: string }) =>
      [String(r.eventSeq), r.recipientKey, r.channel].join('|');
    const existing = new Set([...this.rows.values()].map(key));
    for (const r of rows) {
      if (existing.has(key(r))) continue;
      existing.add(key(r));
      const id = randomUUID();
      this.rows.set(id, {
        ...r,
        id,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: new Date(0).toISOString(),
        lastError: null,
        providerReference: null,
        providerStatus: null,
        createdAt: new Date(0).toISOString(),
        sentAt: null,
        deliveredAt: null,
      });
    }
    return Promise.resolve(
      [...this.rows.values()]
        .filter((r) => seqs.includes(r.eventSeq) && (r.status === 'pending' || r.status === 'sending'))
        .map((r) => ({ id: r.id, dueAt: r.nextAttemptAt })),
    );
  }

  async byId(id: string): Promise<NotificationRecord | undefined> {
    const row = this.rows.get(id);
    return Promise.resolve(row === undefined ? undefined : { ...row });
  }

  async event(seq: number): Promise<JournalRecord | undefined> {
    return Promise.resolve(this.journal.get(seq));
  }

  async claim(id: string, now: Date, leaseUntil: Date): Promise<SendClaim> {
    const row = this.rows.get(id);
    if (row === undefined || (row.status !== 'pending' && row.status !== 'sending')) {
      return Promise.resolve({ claimed: false, reason: 'settled' });
    }
    if (Date.parse(row.nextAttemptAt) > now.getTime()) {
      return Promise.resolve({ claimed: false, reason: 'early', dueAt: row.nextAttemptAt });
    }
    Object.assign(row, { status: 'sending', attempts: row.attempts + 1, nextAttemptAt: leaseUntil.toISOString() });
    return Promise.resolve({ claimed: true, notification: { ...row } });
  }

  async markSent(id: string, receipt: SendReceipt, at: Date): Promise<void> {
    this.update(id, ['sending'], {
      status: 'sent',
      sentAt: at.toISOString(),
      providerReference: receipt.reference ?? null,
      providerStatus: receipt.status,
      lastError: null,
    });
    return Promise.resolve();
  }

  async markRetry(id: string, at: Date, error: string): Promise<void> {
    this.update(id, ['sending'], { status: 'pending', nextAttemptAt: at.toISOString(), lastError: error });
    return Promise.resolve();
  }

  async markFailed(id: string, error: string): Promise<void> {
    this.update(id, ['pending', 'sending'], { status: 'failed', lastError: error });
    return Promise.resolve();
  }

  async markCancelled(id: string, reason: string): Promise<boolean> {
    return Promise.resolve(this.update(id, ['pending', 'sending'], { status: 'cancelled', lastError: reason }));
  }

  async owed(now: Date, limit: number): Promise<OwedNotification[]> {
    return Promise.resolve(
      [...this.rows.values()]
        .filter(
          (r) => r.status === 'pending' || (r.status === 'sending' && Date.parse(r.nextAttemptAt) <= now.getTime()),
        )
        .slice(0, limit)
        .map((r) => ({ id: r.id, dueAt: r.nextAttemptAt })),
    );
  }

  async about(kind: SubjectKind, id: string): Promise<NotificationRecord[]> {
    return Promise.resolve([...this.rows.values()].filter((r) => r.subject.kind === kind && r.subject.id === id));
  }

  private update(id: string, from: readonly string[], change: Partial<NotificationRecord>): boolean {
    const row = this.rows.get(id);
    if (row === undefined || !from.includes(row.status)) return false;
    Object.assign(row, change);
    return true;
  }
}
