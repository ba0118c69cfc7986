import type { AckSla } from '@muster/domain';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Acknowledgement deadlines per severity, as ESCALATION_ACK_SLA's default sets them. */
export const SLA: AckSla = { critical: 15 * MINUTE, high: 60 * MINUTE, medium: 240 * MINUTE, low: 1440 * MINUTE };

/** `ms` after `at`. */
export const plus = (at: Date | string, ms: number) => new Date(new Date(at).getTime() + ms);
