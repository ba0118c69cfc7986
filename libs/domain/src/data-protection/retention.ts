import type { RetentionChangedData } from '@muster/contracts';
import { canSee } from '../access/policy';
import { Principal } from '../access/principal';
import { Recorder } from '../decisions/decision';
import { decided, Decided } from '../shared/decided';
import { DomainError } from '../shared/domain-error';
import { DomainEvent } from '../shared/domain-event';

/**
 * The record types that may be deleted when their retention runs out. The decision log and the journal
 * are evidence for an inquiry and are kept for good: they are not listed, so no setting can expire them.
 */
export const RETENTION_RECORD_TYPES = [
  'sitrep',
  'idempotency-record',
  'access-audit',
  'resolved-escalation',
  'decided-request',
] as const;
export type RetentionRecordType = (typeof RETENTION_RECORD_TYPES)[number];

export interface RetentionPolicy {
  recordType: RetentionRecordType;
  /** Days a record is kept after it stops changing; null keeps it for good. */
  retainDays: number | null;
  /** While set nothing of this type is deleted, whatever its age (an inquiry is running). */
  legalHold: boolean;
  reason: string | null;
  updatedBy: Recorder | 'system';
  updatedAt: string;
}

/** A policy as one reader may see it: `reasonWithheld` when its reason was there but is not theirs to read. */
export interface RetentionPolicyView extends RetentionPolicy {
  reasonWithheld?: true;
}

/**
 * A hold's reason names the inquiry or the matter behind it and travels as OFFICIAL-SENSITIVE (the
 * `retention.changed` event): an administrator without clearance sees the setting, not the reason.
 */
export function retentionFor(reader: Principal, policy: RetentionPolicy): RetentionPolicyView {
  if (policy.reason === null || canSee(reader, { marking: 'OFFICIAL-SENSITIVE', authorities: [] })) return policy;
  return { ...policy, reason: null, reasonWithheld: true };
}

export interface RetentionChange {
  retainDays: number | null;
  legalHold: boolean;
  reason: string;
}

export interface ChangeRetentionCommand extends RetentionChange {
  by: Recorder;
  at: Date;
  recordType: RetentionRecordType;
}

/** The contract replays an Idempotency-Key for 24 h, so its records must outlive that window. */
const MINIMUM_DAYS: Partial<Record<RetentionRecordType, number>> = { 'idempotency-record': 2 };

export const MAX_RETAIN_DAYS = 36_500;

export function isRetentionRecordType(value: string): value is RetentionRecordType {
  return (RETENTION_RECORD_TYPES as readonly string[]).includes(value);
}

/**
 * Applies an administrator's change to a type's policy, refusing a period shorter than a promise made. The
 * new policy replaces whatever was set before, so the rule needs no state; the change is journalled.
 */
export function changeRetention(change: ChangeRetentionCommand): Decided<RetentionPolicy> {
  const { recordType, by, at } = change;
  const minimum = MINIMUM_DAYS[recordType] ?? 1;
  if (
    change.retainDays !== null &&
    (!Number.isInteger(change.retainDays) || change.retainDays < minimum || change.retainDays > MAX_RETAIN_DAYS)
  ) {
    const message = `must be a whole number of days from ${minimum} to ${MAX_RETAIN_DAYS}, or null to keep ${recordType} records for good`;
    throw new DomainError('validation-failed', `retainDays ${message}`, [{ path: 'retainDays', message }]);
  }
  const policy: RetentionPolicy = {
    recordType,
    retainDays: change.retainDays,
    legalHold: change.legalHold,
    reason: change.reason,
    updatedBy: { sub: by.sub, name: by.name } satisfies Recorder,
    updatedAt: at.toISOString(),
  };
  return decided(policy, retentionChanged(policy));
}

/**
 * The journal's record of a change. Sensitive: a legal hold tells of an inquiry, so only cleared regional
 * coordinators and administrators see it live.
 */
export function retentionChanged(policy: RetentionPolicy): DomainEvent<RetentionChangedData> {
  return {
    type: 'retention.changed',
    authorities: [],
    marking: 'OFFICIAL-SENSITIVE',
    data: { ...policy },
  };
}

/**
 * The instant before which records of this type may be deleted, or undefined when none may be: the type
 * is under legal hold or kept for good.
 */
export function purgeCutoff(policy: Pick<RetentionPolicy, 'retainDays' | 'legalHold'>, now: Date): Date | undefined {
  if (policy.legalHold || policy.retainDays === null) return undefined;
  return new Date(now.getTime() - policy.retainDays * 24 * 3600 * 1000);
}
