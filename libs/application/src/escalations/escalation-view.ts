import { Escalation } from '@muster/domain';

/** What clients see of an escalation: all of it, history included. */
export type EscalationView = Escalation;

export const toEscalationView = (e: Escalation): EscalationView => e;
