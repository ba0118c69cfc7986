import { AckSla } from '@muster/domain';

/** The acknowledgement deadlines per severity (ESCALATION_ACK_SLA), provided by each process from config. */
export abstract class EscalationSettings {
  abstract readonly ackSla: AckSla;
}
